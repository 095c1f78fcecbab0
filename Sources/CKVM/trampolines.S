# Guest ring-0 code. It is copied into the VM's system page and never runs in the host.
# Under PVM every ring-0 instruction is emulated (~0.6 us each), so each entry point is a
# single `out` that exits to dunetrace at once; dunetrace itself puts the vCPU back in ring 3.
# The I/O port says which entry was taken: 0xF0 syscall, 0..31 the exception vector, 0xF1 any
# other vector.
        .section .rodata
        .globl dt_trampolines_start, dt_trampolines_end
        .globl dt_tramp_syscall, dt_tramp_flush, dt_tramp_iret, dt_tramp_to_ring0, dt_tramp_probe_read, dt_tramp_vectors
        .p2align 6
dt_trampolines_start:
dt_tramp_syscall:               # MSR_LSTAR points here
        outb %al, $0xF0
        .p2align 4
dt_tramp_flush:                 # reloading CR3 drops the guest's stale translations
        pushq %rax
        movq %cr3, %rax
        movq %rax, %cr3
        popq %rax
        iretq
        .p2align 4
dt_tramp_iret:                  # the host points RSP at an iret frame it wrote: back to ring 3
        iretq
        .p2align 4
dt_tramp_to_ring0:              # ring 3 -> ring 0 through the DPL-3 #BP gate (PVM: TLB flush);
        int3                        # PVM turns other int n into #GP or #UD
        .p2align 4
dt_tramp_probe_read:            # ring 3 (large-page probe): read through the page at rax, exit
        movq (%rax), %rax
        syscall

        .p2align 4
dt_tramp_vectors:               # IDT entry n points to dt_tramp_vectors + 4*n
        .set vec, 0
        .rept 256
        .if vec < 32
        outb %al, $vec
        .else
        outb %al, $0xF1
        .endif
        .p2align 2
        .set vec, vec+1
        .endr
dt_trampolines_end:
        .section .note.GNU-stack,"",@progbits
