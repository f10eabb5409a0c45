/*
 * Double-buffered STM32F4 flash loader, run by the host from SRAM (flash-station, issue 11).
 * While the core programs one buffer into flash, the host fills the other over the debug port.
 *
 * In:  r0 = control block: two 16-byte slots, slot n at r0 + 16n = { destination, word count, state, - }
 *      r1 = buffer of slot 0, r2 = buffer of slot 1, r3 = FLASH interface base (0x40023C00).
 *      FLASH_CR must already hold PG with PSIZE x32 (the host unlocks and sets it): every word stored into
 *      flash is one program operation (stm32f411-target.md §6.3, §8).
 * Slot state, written by the host last: 1 = filled, 2 = stop. The loader takes slots in turn, 0, 1, 0, ...;
 * it writes 0 into a slot's state once its words are programmed, or FLASH_SR | 0x80000000 when the flash
 * controller reports an error (then it stops). It stops on BKPT #0x5D.
 */
	.syntax unified
	.cpu cortex-m4
	.thumb
	.text
	.global	_start
	.thumb_func
_start:
	movs	r4, #0			/* offset of the current slot: 0 or 16 */
next_slot:
	adds	r6, r0, r4
wait_for_host:
	ldr	r5, [r6, #8]		/* state */
	cmp	r5, #0
	beq	wait_for_host
	cmp	r5, #1
	bne	stop
	ldr	r7, [r6, #0]		/* destination */
	ldr	r8, [r6, #4]		/* word count */
	cmp	r4, #0
	ite	eq
	moveq	r9, r1
	movne	r9, r2
next_word:
	ldr	r10, [r9], #4
	str	r10, [r7], #4		/* one program operation */
	dsb
busy:
	ldr	r11, [r3, #0x0C]	/* FLASH_SR */
	tst	r11, #0x10000		/* BSY */
	bne	busy
	tst	r11, #0xF2		/* PGSERR | PGPERR | PGAERR | WRPERR | OPERR */
	bne	failed
	subs	r8, r8, #1
	bne	next_word
	str	r8, [r6, #8]		/* r8 is 0: the slot is free again */
	eor	r4, r4, #16
	b	next_slot
failed:
	orr	r11, r11, #0x80000000
	str	r11, [r6, #8]
stop:
	bkpt	#0x5D
