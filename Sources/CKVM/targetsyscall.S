# dt_target_syscall_core(nr, a0..a5, kick): a target's system call, which may block, run on
# the host. A signal for the target taken by dunetrace's handler after the tracer last looked
# for one would otherwise leave the call blocking, possibly for ever. Two guards close that
# gap: the handler sets *kick, checked just before the `syscall` instruction; and a signal
# that lands between that check and the instruction finds the thread inside
# [dt_target_syscall_core, dt_target_syscall_insn], and the handler moves it on to
# dt_target_syscall_eintr. Either way the call returns -EINTR as if the signal had come a
# moment later (musl's cancellation points work the same way).
        .text
        .globl dt_target_syscall_core, dt_target_syscall_insn, dt_target_syscall_eintr
        .type dt_target_syscall_core, @function
dt_target_syscall_core:         # nr=rdi a0=rsi a1=rdx a2=rcx a3=r8 a4=r9 a5=8(%rsp) kick=16(%rsp)
        movq %rdi, %rax
        movq %rsi, %rdi
        movq %rdx, %rsi
        movq %rcx, %rdx
        movq %r8, %r10
        movq %r9, %r8
        movq 8(%rsp), %r9
        movq 16(%rsp), %r11
        cmpl $0, (%r11)
        jne dt_target_syscall_eintr
dt_target_syscall_insn:
        syscall
        ret
dt_target_syscall_eintr:
        movq $-4, %rax
        ret
        .size dt_target_syscall_core, .-dt_target_syscall_core
        .section .note.GNU-stack,"",@progbits
