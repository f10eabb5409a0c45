/*
 * Counts forever: r0 once per iteration, r1 by 0x100 with a 32-bit instruction. Three instructions, no memory
 * transfer: three cycles per iteration in the TIMING.md §1 model. Position-independent: runs from SRAM or flash.
 */
	.syntax unified
	.cpu cortex-m4
	.thumb
	.text
	.global _start
	.thumb_func
_start:
	movs	r0, #0
	movs	r1, #0
loop:
	adds	r0, r0, #1
	add.w	r1, r1, #0x100
	b	loop
