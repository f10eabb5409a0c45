/*
 * Exception entry and return on the virtual core (DDI 0403 B1.5). A vector table at 0x20000000 (word 1 is the
 * entry point), installed in VTOR by the program itself; the host picks a scenario in r7:
 *   0: UDF -> HardFault handler reports CFSR (r0), HFSR (r1), stacked PC (r2), EXC_RETURN (r3), IPSR (r4); BKPT #2
 *   1: SVC -> handler sets r5 = 0x55 and returns; back in Thread mode: IPSR (r4); BKPT #3
 *   2: load from 0x60000000 (nothing there) -> HardFault handler as in 0, plus BFAR (r5); BKPT #2
 *   3: UDF -> the HardFault handler faults again (UDF) -> lockup
 *   4: WFI, then BKPT #4
 *   5: SYSRESETREQ written to AIRCR by code; the core resets
 */
	.syntax unified
	.cpu cortex-m4
	.thumb
	.text
vectors:
	.word	0x20020000
	.word	_start
	.word	hang		/* NMI */
	.word	hard_fault
	.word	hang, hang, hang, 0, 0, 0, 0
	.word	sv_call
	.word	hang, 0, hang, hang

	.thumb_func
hang:
	b	hang

	.global _start
	.thumb_func
_start:
	ldr	r0, =0xE000ED08		/* VTOR */
	ldr	r1, =vectors
	str	r1, [r0]
	dsb
	isb
	cmp	r7, #1
	beq	supervisor
	cmp	r7, #2
	beq	bus_error
	cmp	r7, #4
	beq	sleep
	cmp	r7, #5
	beq	reset
	udf	#0			/* scenarios 0 and 3 */
	b	hang
supervisor:
	movs	r5, #0
	svc	#5
	mrs	r4, ipsr
	bkpt	#3
bus_error:
	ldr	r0, =0x60000000
	ldr	r1, [r0]
	b	hang
sleep:
	wfi
	bkpt	#4
reset:
	ldr	r0, =0xE000ED0C
	ldr	r1, =0x05FA0004
	str	r1, [r0]
	b	hang

	.thumb_func
hard_fault:
	cmp	r7, #3
	bne	1f
	udf	#1			/* a fault at HardFault priority: lockup */
1:	ldr	r6, =0xE000ED28
	ldr	r0, [r6]		/* CFSR */
	ldr	r1, [r6, #4]		/* HFSR */
	ldr	r5, [r6, #16]		/* BFAR */
	ldr	r2, [sp, #24]		/* stacked return address */
	mov	r3, lr
	mrs	r4, ipsr
	bkpt	#2

	.thumb_func
sv_call:
	movs	r5, #0x55
	bx	lr
