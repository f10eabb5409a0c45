#!/bin/sh
# Builds the programs the virtual lab runs on its boards' cores (the simulator's own tests, and tests of the
# drivers that halt, step and resume them) from their sources with Debian's binutils-arm-none-eabi.
# Usage: build.sh [output-dir]   (default: ../resources/io/flashstation/sim/programs, where the committed blobs live)
# Every program is linked to run from SRAM at 0x20000000 and written as a flat binary.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
out=${1:-"$here/../resources/io/flashstation/sim/programs"}
mkdir -p "$out"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
for source in "$here"/*.S; do
    name=$(basename "$source" .S)
    arm-none-eabi-as -mcpu=cortex-m4 -mthumb -o "$work/$name.o" "$source"
    arm-none-eabi-ld -Ttext=0x20000000 --build-id=none -o "$work/$name.elf" "$work/$name.o"
    arm-none-eabi-objcopy -O binary "$work/$name.elf" "$out/$name.bin"
    chmod 644 "$out/$name.bin"
done
