/*
 * Self-checking test of the ARMv7-M integer instruction set (DDI 0403 A7), for the virtual core.
 * CHECK_FLAGS reads the flags first: every CHECK itself sets them (CMP, then ADDS on the counter).
 * Each CHECK compares a register with the value the ARM ARM's pseudocode gives; the expected values are
 * worked out by hand in the comments. Runs from SRAM at 0x20000000 with SP set by the host; ends with
 * BKPT #1 holding r0 = number of failed checks, r1 = id of the first failed check (0 = none),
 * r2 = number of checks run.
 */
	.syntax unified
	.cpu cortex-m4
	.thumb

	.macro CHECK id, reg, expected
	ldr	r12, =\expected
	cmp	\reg, r12
	beq	1f
	bl	failed
	.hword	\id
1:
	adds	r9, r9, #1
	.endm

	.macro CHECK_REG id, reg, other
	cmp	\reg, \other
	beq	1f
	bl	failed
	.hword	\id
1:
	adds	r9, r9, #1
	.endm

	/* flags as MRS APSR shows them, NZCV in bits 31:28 */
	.macro CHECK_FLAGS id, expected
	mrs	r8, apsr
	and	r8, r8, #0xF0000000
	CHECK	\id, r8, \expected
	.endm

	.set N, 0x80000000
	.set Z, 0x40000000
	.set C, 0x20000000
	.set V, 0x10000000

	.text
	.global _start
	.thumb_func
_start:
	movs	r9, #0		/* checks run */
	movs	r10, #0		/* first failure */
	movs	r11, #0		/* failures */

	/* --- add/subtract and flags (A2.2.1 AddWithCarry) --- */
	ldr	r0, =0x7FFFFFFF
	adds	r1, r0, #1		/* 0x80000000: N, V (signed overflow), no carry */
	CHECK_FLAGS 1, N|V
	CHECK	2, r1, 0x80000000
	ldr	r0, =0xFFFFFFFF
	adds	r1, r0, #1		/* 0: Z and C */
	CHECK_FLAGS 3, Z|C
	movs	r0, #5
	subs	r1, r0, #7		/* 5-7 = -2: N, borrow so C clear */
	CHECK_FLAGS 4, N
	CHECK	5, r1, 0xFFFFFFFE
	subs	r1, r0, #5		/* 0: Z, no borrow so C set */
	CHECK_FLAGS 6, Z|C
	ldr	r0, =0x80000000
	subs	r1, r0, #1		/* 0x7FFFFFFF: V, C */
	CHECK_FLAGS 7, C|V
	/* ADC/SBC take the carry in */
	ldr	r0, =0xFFFFFFFF
	movs	r1, #1
	adds	r2, r0, r1		/* C=1 */
	movs	r3, #10
	movs	r4, #20
	adcs	r5, r3, r4		/* 10+20+1 = 31, flags from that: none */
	CHECK_FLAGS 9, 0
	CHECK	8, r5, 31
	subs	r2, r3, r4		/* 10-20: borrow, C=0 */
	sbcs	r5, r4, r3		/* 20-10-1 = 9, C=1 */
	CHECK_FLAGS 11, C
	CHECK	10, r5, 9
	movs	r3, #3
	rsb	r5, r3, #10		/* 10-3 = 7 */
	CHECK	12, r5, 7
	negs	r5, r3			/* RSBS r5, r3, #0 = -3, N, borrow: C=0 */
	CHECK_FLAGS 14, N
	CHECK	13, r5, 0xFFFFFFFD
	cmn	r5, r3			/* -3 + 3 = 0: Z, C */
	CHECK_FLAGS 15, Z|C
	ldr	r0, =0x12345678
	addw	r1, r0, #0xFFF
	CHECK	16, r1, 0x12346677
	subw	r1, r0, #0x678
	CHECK	17, r1, 0x12345000
	add	r1, r0, #0x3FC00	/* modified immediate: 0xFF rotated */
	CHECK	18, r1, 0x12385278

	/* --- logical ops and the shifter carry (A5.3.2 ThumbExpandImm_C, A7.4.2 Shift_C) --- */
	movs	r0, #0
	cmp	r0, #1			/* C clear */
	ldr	r0, =0xF0F0F0F0
	ands	r1, r0, #0xFF000000	/* imm12 rotated: carry = bit 31 of the constant = 1 */
	CHECK_FLAGS 20, N|C
	CHECK	19, r1, 0xF0000000
	movs	r2, #0x0F
	cmp	r0, r0			/* C set */
	tst	r0, r2			/* 0xF0F0F0F0 & 0x0F = 0: Z, C kept (1) */
	CHECK_FLAGS 21, Z|C
	teq	r0, r0			/* Z; C kept, and CHECK's ADDS left it clear */
	CHECK_FLAGS 22, Z
	orr	r1, r0, #0x00FF00FF	/* replicated immediate */
	CHECK	23, r1, 0xF0FFF0FF
	orn	r1, r2, #0xFF		/* 0x0F | ~0xFF */
	CHECK	24, r1, 0xFFFFFF0F
	eor	r1, r0, #0xFFFFFFFF
	CHECK	25, r1, 0x0F0F0F0F
	bic	r1, r0, #0xF0
	CHECK	26, r1, 0xF0F0F000
	mvn	r1, #0xAB
	CHECK	27, r1, 0xFFFFFF54
	movw	r1, #0xBEEF
	movt	r1, #0xDEAD
	CHECK	28, r1, 0xDEADBEEF

	/* shifts by immediate, 16-bit forms set C from the last bit out */
	movs	r0, #0x81
	lsls	r1, r0, #25		/* 0x02000000, bit out = bit 7 = 1 */
	CHECK_FLAGS 30, C
	CHECK	29, r1, 0x02000000
	lsrs	r1, r0, #1		/* 0x40, bit out = 1 */
	CHECK_FLAGS 32, C
	CHECK	31, r1, 0x40
	ldr	r0, =0x80000000
	asrs	r1, r0, #31		/* 0xFFFFFFFF, bit out = bit 30 = 0 */
	CHECK_FLAGS 34, N
	CHECK	33, r1, 0xFFFFFFFF
	lsrs	r1, r0, #32		/* LSR #32: 0, C = bit 31 = 1 */
	CHECK_FLAGS 36, Z|C
	CHECK	35, r1, 0
	movs	r0, #1
	cmp	r0, r0			/* C set */
	rrxs	r1, r0			/* C was 1: 0x80000000, C = old bit 0 = 1 */
	CHECK_FLAGS 38, N|C
	CHECK	37, r1, 0x80000000
	movs	r0, #0x3
	movs	r2, #1
	rors	r1, r0, r2		/* 0x80000001, C = bit 31 */
	CHECK_FLAGS 40, N|C
	CHECK	39, r1, 0x80000001
	/* register shifts use Rm[7:0]; 32 and more */
	movs	r0, #1
	movs	r2, #32
	lsls	r1, r0, r2		/* 0, C = bit 0 = 1 */
	CHECK_FLAGS 41, Z|C
	movs	r2, #33
	lsls	r1, r0, r2		/* 0, C = 0 */
	CHECK_FLAGS 42, Z
	ldr	r0, =0x80000000
	movs	r2, #40
	asrs	r1, r0, r2		/* all sign bits, C = 1 */
	CHECK	43, r1, 0xFFFFFFFF
	ldr	r2, =0x101		/* only the bottom byte counts: shift by 1 */
	lsrs	r1, r0, r2
	CHECK	44, r1, 0x40000000
	/* 32-bit shifted-register operand */
	movs	r0, #1
	movs	r2, #3
	add	r1, r2, r0, lsl #4	/* 3 + 16 */
	CHECK	45, r1, 19
	sub	r1, r2, r0, ror #1	/* 3 - 0x80000000 */
	CHECK	46, r1, 0x80000003

	/* --- multiply and divide --- */
	movs	r0, #7
	movs	r1, #6
	muls	r2, r0, r2		/* r2 = 3*7 */
	CHECK	47, r2, 21
	mla	r3, r0, r1, r2		/* 7*6 + 21 */
	CHECK	48, r3, 63
	mls	r3, r0, r1, r3		/* 63 - 42 */
	CHECK	49, r3, 21
	ldr	r0, =0xFFFFFFFF
	movs	r1, #2
	umull	r2, r3, r0, r1		/* 0x1_FFFFFFFE */
	CHECK	50, r2, 0xFFFFFFFE
	CHECK	51, r3, 1
	smull	r2, r3, r0, r1		/* -1 * 2 = -2 */
	CHECK	52, r2, 0xFFFFFFFE
	CHECK	53, r3, 0xFFFFFFFF
	movs	r2, #5
	movs	r3, #0
	smlal	r2, r3, r0, r1		/* 5 + -2 = 3 */
	CHECK	54, r2, 3
	CHECK	55, r3, 0
	umlal	r2, r3, r0, r1		/* 3 + 0x1_FFFFFFFE = 0x2_00000001 */
	CHECK	56, r2, 1
	CHECK	57, r3, 2
	ldr	r0, =-100
	movs	r1, #7
	sdiv	r2, r0, r1		/* rounds towards zero: -14 */
	CHECK	58, r2, 0xFFFFFFF2
	udiv	r2, r0, r1		/* 0xFFFFFF9C / 7 = 613566742 */
	CHECK	59, r2, 613566742
	movs	r1, #0
	udiv	r2, r0, r1		/* divide by zero gives 0 (CCR.DIV_0_TRP clear) */
	CHECK	60, r2, 0

	/* --- bit manipulation --- */
	ldr	r0, =0x00F0000F
	clz	r1, r0
	CHECK	61, r1, 8
	rbit	r1, r0
	CHECK	62, r1, 0xF0000F00
	ldr	r0, =0x11223344
	rev	r1, r0
	CHECK	63, r1, 0x44332211
	rev16	r1, r0
	CHECK	64, r1, 0x22114433
	ldr	r0, =0x000080FF
	revsh	r1, r0			/* 0xFF80 sign extended */
	CHECK	65, r1, 0xFFFFFF80
	sxtb	r1, r0
	CHECK	66, r1, 0xFFFFFFFF
	sxth	r1, r0
	CHECK	67, r1, 0xFFFF80FF
	uxtb	r1, r0
	CHECK	68, r1, 0xFF
	uxth	r1, r0, ror #8		/* 0xFF000080 -> 0x0080 */
	CHECK	69, r1, 0x0080
	movs	r2, #1
	uxtab	r1, r2, r0		/* 1 + 0xFF */
	CHECK	70, r1, 0x100
	ldr	r0, =0x12345678
	ubfx	r1, r0, #8, #12		/* bits 19:8 = 0x456 */
	CHECK	71, r1, 0x456
	sbfx	r1, r0, #4, #4		/* bits 7:4 = 0x7 */
	CHECK	72, r1, 7
	sbfx	r1, r0, #3, #4		/* bits 6:3 = 0xF -> -1 */
	CHECK	73, r1, 0xFFFFFFFF
	movs	r2, #0xA
	mov	r1, r0
	bfi	r1, r2, #12, #8		/* 0x12345678 with bits 19:12 = 0x0A */
	CHECK	74, r1, 0x1230A678
	bfc	r1, #0, #16
	CHECK	75, r1, 0x12300000
	ldr	r0, =300
	usat	r1, #8, r0		/* 255, Q set */
	CHECK	76, r1, 255
	ldr	r0, =-300
	ssat	r1, #8, r0		/* -128 */
	CHECK	77, r1, 0xFFFFFF80
	mrs	r1, apsr
	and	r1, r1, #0x08000000	/* Q is sticky */
	CHECK	78, r1, 0x08000000

	/* --- loads and stores --- */
	ldr	r4, =scratch
	ldr	r0, =0x8899AABB
	str	r0, [r4]
	ldrb	r1, [r4, #1]
	CHECK	79, r1, 0xAA
	ldrsb	r1, [r4, #1]
	CHECK	80, r1, 0xFFFFFFAA
	ldrh	r1, [r4, #2]
	CHECK	81, r1, 0x8899
	ldrsh	r1, [r4, #2]
	CHECK	82, r1, 0xFFFF8899
	ldr	r1, [r4, #1]		/* unaligned word, allowed for LDR */
	CHECK	83, r1, 0x008899AA	/* the next byte is 0 (scratch+4) */
	movs	r0, #0x5A
	strb	r0, [r4, #3]
	ldr	r1, [r4]
	CHECK	84, r1, 0x5A99AABB
	movw	r0, #0x1234
	strh	r0, [r4, #1]		/* unaligned halfword store */
	ldr	r1, [r4]
	CHECK	85, r1, 0x5A1234BB
	mov	r5, r4
	ldr	r1, [r5], #4		/* post-indexed */
	CHECK	86, r5, scratch+4
	ldr	r1, [r5, #-4]!		/* pre-indexed with write-back */
	CHECK	87, r5, scratch
	CHECK	88, r1, 0x5A1234BB
	movs	r2, #2
	ldrh	r1, [r4, r2, lsl #1]	/* register offset, scaled: scratch+4 */
	CHECK	89, r1, 0
	ldr	r0, =0x01020304
	ldr	r1, =0x05060708
	strd	r0, r1, [r4, #8]
	ldrd	r2, r3, [r4, #8]
	CHECK	90, r2, 0x01020304
	CHECK	91, r3, 0x05060708
	ldr	r1, literal_word	/* LDR (literal) */
	CHECK	92, r1, 0xCAFEF00D
	/* multiple */
	movs	r0, #1
	movs	r1, #2
	movs	r2, #3
	mov	r5, r4
	stmia	r5!, {r0-r2}
	CHECK	93, r5, scratch+12
	ldmdb	r5!, {r6, r7, r8}
	CHECK	94, r5, scratch
	CHECK	95, r8, 3
	movs	r3, #0
	mov	r5, r4
	ldmia	r5, {r0, r3}
	CHECK	96, r3, 2
	push	{r0-r3, lr}
	pop	{r4-r7}
	CHECK	97, r7, 2
	pop	{r0}			/* the lr pushed above */
	ldr	r4, =scratch
	/* exclusives */
	ldrex	r0, [r4]
	adds	r0, #1
	strex	r1, r0, [r4]
	CHECK	98, r1, 0		/* monitor held: the store happened */
	strex	r1, r0, [r4]
	CHECK	99, r1, 1		/* monitor cleared by the first STREX */

	/* --- branches --- */
	movs	r0, #0
	cbz	r0, 2f
	bl	failed
	.hword	100
2:	movs	r0, #1
	cbnz	r0, 3f
	bl	failed
	.hword	101
3:	bl	subroutine		/* returns r0 = lr it saw */
	adr	r1, 3b
	adds	r1, #5			/* BL is 4 bytes; lr has bit 0 set */
	CHECK_REG 102, r0, r1
	ldr	r2, =subroutine		/* a Thumb function's address has bit 0 set */
	blx	r2
	cmp	r0, #0
	bne	5f
	bl	failed
	.hword	103
5:	movs	r1, #2			/* table branch: index 2 */
	tbb	[pc, r1]
table:
	.byte	(t0 - table) / 2
	.byte	(t0 - table) / 2
	.byte	(t2 - table) / 2
	.byte	0
t0:	bl	failed
	.hword	104
t2:
	movs	r1, #1
	tbh	[pc, r1, lsl #1]
htable:
	.hword	(h0 - htable) / 2
	.hword	(h1 - htable) / 2
h0:	bl	failed
	.hword	105
h1:
	/* --- IT blocks (A7.3.3) --- */
	movs	r0, #5
	cmp	r0, #5
	ite	eq
	moveq	r1, #1
	movne	r1, #2
	CHECK	106, r1, 1
	cmp	r0, #6
	itte	ne
	addne	r1, r0, #10		/* 32-bit ADD inside IT */
	movne	r2, #7
	moveq	r2, #9
	CHECK	107, r1, 15
	CHECK	108, r2, 7
	movs	r0, #0
	cmp	r0, #1			/* C clear, N set */
	it	mi
	addmi	r0, r0, #1		/* 16-bit ADD in an IT block does not set flags */
	CHECK_FLAGS 109, N
	CHECK	110, r0, 1
	cmp	r0, #0
	it	cs
	addscs	r0, r0, #1		/* the 32-bit form sets flags even in IT */
	CHECK	111, r0, 2

	/* --- special registers --- */
	mrs	r0, primask
	cpsid	i
	mrs	r1, primask
	cpsie	i
	mrs	r2, primask
	CHECK	112, r1, 1
	CHECK	113, r2, 0
	movs	r0, #0
	msr	apsr_nzcvq, r0
	ldr	r0, =0xA0000000		/* N and C */
	msr	apsr_nzcvq, r0
	CHECK_FLAGS 114, N|C
	mrs	r0, ipsr
	CHECK	115, r0, 0		/* Thread mode */
	mrs	r0, control
	CHECK	116, r0, 0
	dsb
	dmb
	isb
	nop

	/* done */
	mov	r0, r11
	mov	r1, r10
	mov	r2, r9
	bkpt	#1

	.thumb_func
subroutine:
	mov	r0, lr
	bx	lr

	/* records a failure: the check id is the half-word after the BL */
	.thumb_func
failed:
	sub	r12, lr, #1
	ldrh	r12, [r12]
	adds	r11, r11, #1
	cmp	r10, #0
	it	eq
	moveq	r10, r12
	add	lr, lr, #2
	bx	lr

	.align	2
literal_word:
	.word	0xCAFEF00D
	.ltorg

	.align	3
scratch:
	.space	32
