/*
 * Programs one word of flash the way a loader does (stm32f411-target.md §6, §8): unlock FLASH_CR with the two
 * keys, PG with PSIZE x32, store the word at 0x08004000 (sector 1, erased), wait for BSY to clear; then BKPT #4
 * with r2 = the final FLASH_SR.
 */
	.syntax unified
	.cpu cortex-m4
	.thumb
	.text
	.global _start
	.thumb_func
_start:
	ldr	r4, =0x40023C00
	ldr	r0, =0x45670123
	str	r0, [r4, #4]		/* FLASH_KEYR */
	ldr	r0, =0xCDEF89AB
	str	r0, [r4, #4]
	ldr	r0, =0x00000201		/* PG | PSIZE x32 */
	str	r0, [r4, #0x10]		/* FLASH_CR */
	ldr	r1, =0x08004000
	ldr	r0, =0x12345678
	str	r0, [r1]
	dsb
busy:
	ldr	r2, [r4, #0x0C]		/* FLASH_SR */
	tst	r2, #0x10000		/* BSY */
	bne	busy
	bkpt	#4
