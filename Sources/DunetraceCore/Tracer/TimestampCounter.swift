// PR_SET_TSC(PR_TSC_SIGSEGV): rdtsc and rdtscp in the thread fault with SIGSEGV (SI_KERNEL),
// as the kernel's TIF_NOTSC makes them. The vCPU's CR4.TSD does it on VT-x/AMD-V; under PVM the
// guest's ring 3 runs with the host's CR4, so the host thread's own mode is set around KVM_RUN
// (vcpu.c). The mode is the thread's: inherited by threads and forks, kept across exec.
import CKVM

extension Tracer {
    /// The thread's vCPU made to fault on rdtsc or not, as its mode says.
    func applyTSCMode(_ t: TaskState) {
        guard let cpu = t.vcpu else { return }
        _ = dt_vcpu_set_tsc_fault(cpu, t.tscMode == 2 ? 1 : 0)
        // ARCH_SET_CPUID's faulting CPUID, kept the same way (a new vCPU starts without it).
        if t.cpuidFaults { _ = dt_vcpu_set_cpuid_fault(cpu, 1) }
    }

    /// exec enables CPUID again (the kernel's arch_setup_new_exec); the TSC mode stays.
    func enableCPUIDForExec(_ t: TaskState) {
        if t.cpuidFaults, let cpu = t.vcpu { _ = dt_vcpu_set_cpuid_fault(cpu, 0) }
        t.cpuidFaults = false
    }
}
