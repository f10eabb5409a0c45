/*
 * On-target CRC-32 for verification, run by the host from SRAM (flash-station, issue 11).
 * CRC-32/MPEG-2: polynomial 0x04C11DB7, most significant bit first, initial value 0xFFFFFFFF, no final XOR
 * (the same function OpenOCD's verify_image uses, so figures compare; io.flashstation.probe.target.Crc32Mpeg2
 * is the host's twin).
 *
 * In:  r0 = first byte, r1 = byte count, r2 = 1 KiB of word-aligned scratch RAM for the table.
 * Out: r0 = CRC, r1 = address after the last byte; ends on BKPT #0x5C (the host checks the PC is there).
 * Builds its 256-entry table first (about 4,000 cycles), then costs 9 cycles per byte in the
 * one-cycle-per-instruction-plus-one-per-access model of TIMING.md §1 (plus flash wait states).
 */
	.syntax unified
	.cpu cortex-m4
	.thumb
	.text
	.global	_start
	.thumb_func
_start:
	ldr	r7, =0x04C11DB7
	movs	r3, #0			/* table index */
table_entry:
	lsls	r4, r3, #24
	movs	r5, #8
table_bit:
	lsls	r4, r4, #1		/* C = the bit shifted out */
	it	cs
	eorcs	r4, r4, r7
	subs	r5, r5, #1
	bne	table_bit
	str	r4, [r2, r3, lsl #2]
	adds	r3, r3, #1
	cmp	r3, #256
	bne	table_entry

	mov	r3, #0xFFFFFFFF		/* CRC register */
	adds	r1, r0, r1		/* end address */
next_byte:
	cmp	r0, r1
	beq	done
	ldrb	r4, [r0], #1
	eor	r4, r4, r3, lsr #24	/* table index: top CRC byte XOR data byte */
	ldr	r4, [r2, r4, lsl #2]
	eor	r3, r4, r3, lsl #8
	b	next_byte
done:
	mov	r1, r0
	mov	r0, r3
	bkpt	#0x5C
	.ltorg
