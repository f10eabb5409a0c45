package io.flashstation.sim.jlink;

/** One complete host request: its opcode and all its bytes, the opcode byte included. */
record CommandFrame(JLinkOpcode opcode, byte[] bytes) {
}
