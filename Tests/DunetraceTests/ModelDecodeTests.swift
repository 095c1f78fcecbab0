// The decoder prints integer arguments as the kernel read them: cut to the C type the model
// gives each one (strace prints `dup3(0, 0, 0)` for flags 0xdefaced00000000 and mode 000 for
// 037777600000).
import Testing
@testable import DunetraceCore

struct ModelDecodeTests {
    func line(_ name: String, _ args: [UInt64], _ result: Int64?, memory: DecoderFakeMemory = DecoderFakeMemory()) -> String {
        let a = args + [UInt64](repeating: 0, count: 6 - args.count)
        let e = SyscallEvent(number: SyscallTable.number(name)!, args: SyscallArgs(a[0], a[1], a[2], a[3], a[4], a[5]), result: result)
        return SyscallFormatter(stringLimit: 32).format(e, memory: memory)
    }

    @Test("an int's upper half is not part of it")
    func intFlags() {
        #expect(line("dup3", [0, 0, 0xdefa_ced0_0000_0000], -22) == "dup3(0, 0, 0) = -1 EINVAL (Invalid argument)")
    }

    @Test("umode_t is 16 bits")
    func mode() {
        var memory = DecoderFakeMemory()
        memory.write(0x10000, cString: "dir")
        #expect(line("mkdir", [0x10000, 0o37777600000], 0, memory: memory) == "mkdir(\"dir\", 000) = 0")
    }

    @Test("the model's cut leaves 64-bit arguments and pointers alone")
    func untouched() {
        let a = SyscallArgs(0x7f00_0000_1000, 0x1_0000_0000, 3, 0x22, 0xffff_ffff_ffff_ffff, 0)
        let cut = SyscallModel.asTheKernelReadsThem(SyscallTable.number("mmap")!, a)
        #expect(cut.a0 == a.a0 && cut.a1 == a.a1)
    }
}
