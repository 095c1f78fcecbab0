// Classic BPF programs (struct sock_fprog) as strace 6.1 prints them (bpf_filter.c):
// `{len=N, filter=[BPF_STMT(...), BPF_JUMP(...)]}`, the instructions (ClassicBPF.swift) only
// under -v (the filter's address otherwise).

extension ArgumentDecoder {
    /// decode_bpf_fprog: the sock_fprog at `address`, or its address when unreadable.
    func bpfProgram(at address: UInt64, kind: ClassicBPF.Operands) -> String {
        guard address != 0 else { return "NULL" }
        guard dereferenced, let s = readStruct(address, size: 16) else { return StraceText.pointer(address) }
        let count = s.u16(0)
        return "{len=\(count), filter=" + bpfInstructions(at: s.u64(8), count: UInt64(count), kind: kind) + "}"
    }

    /// print_bpf_fprog: `count` instructions at `address` under -v, else the address.
    func bpfInstructions(at address: UInt64, count: UInt64, kind: ClassicBPF.Operands) -> String {
        bpfProgram(address, count: Int(min(count, 4097)), kind)
    }
}
