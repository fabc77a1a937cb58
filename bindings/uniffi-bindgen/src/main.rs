//! `uniffi-bindgen`: generates the Kotlin and Swift sources from `libecorules_mobile`.
fn main() {
    uniffi::uniffi_bindgen_main()
}
