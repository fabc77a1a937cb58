"""Independent HJ 212-2017 Appendix A checksum and packet framing, for test vectors.

Written from the standard's pseudo-code, not from the Rust code, so vectors built with it
check the Rust implementation rather than repeat it.
"""


def crc16(data: bytes) -> int:
    reg = 0xFFFF
    for b in data:
        reg = (reg >> 8) ^ b
        for _ in range(8):
            lsb = reg & 1
            reg >>= 1
            if lsb:
                reg ^= 0xA001
    return reg


def packet(segment: str) -> str:
    seg = segment.encode("ascii")
    return "##%04d%s%04X\r\n" % (len(seg), segment, crc16(seg))


if __name__ == "__main__":
    ex = "QN=20160801085857223;ST=32;CN=1062;PW=100000;MN=010000A8900016F000169DC0;Flag=5;CP=&&RtdInterval=30&&"
    assert "%04X" % crc16(ex.encode()) == "1C80"
    print(packet(ex), end="")
