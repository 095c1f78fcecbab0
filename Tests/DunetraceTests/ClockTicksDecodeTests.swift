// A clock_t as strace's print_clock_t prints it: si_utime and si_stime of a SIGCHLD line, times'
// fields. The expected texts are strace 6.1's own, from its test suite's siginfo expectations
// (`si_utime=560 /* 5.60 s */`) at 100 ticks a second, the host's.
import Glibc
import Testing
@testable import DunetraceCore

@Suite("clock_t values with their seconds, as strace prints them")
struct ClockTicksDecodeTests {
    static let ticksPerSecond = sysconf(Int32(_SC_CLK_TCK))

    static func chld(code: Int32, status: Int32, utime: UInt64, stime: UInt64) -> SignalInfo {
        var info = SignalInfo(signo: SIGCHLD, code: code, pid: 1977, uid: 0)
        info.setField(Int32.self, 24, status)
        info.setField(UInt64.self, 32, utime)
        info.setField(UInt64.self, 40, stime)
        return info
    }

    @Test("a SIGCHLD's si_utime and si_stime: the seconds where not 0, none under -X raw",
          .enabled(if: ticksPerSecond == 100, "the expected texts are at 100 ticks a second"))
    func signalLine() {
        let killed = Self.chld(code: 2, status: SIGUSR1, utime: 560, stime: 90)
        #expect(killed.description == "{si_signo=SIGCHLD, si_code=CLD_KILLED, si_pid=1977, si_uid=0, si_status=SIGUSR1, si_utime=560 /* 5.60 s */, si_stime=90 /* 0.90 s */}")
        #expect(killed.text(clockComments: false) == "{si_signo=SIGCHLD, si_code=CLD_KILLED, si_pid=1977, si_uid=0, si_status=SIGUSR1, si_utime=560, si_stime=90}")
        let exited = Self.chld(code: 1, status: 42, utime: 0, stime: 7)
        #expect(exited.description == "{si_signo=SIGCHLD, si_code=CLD_EXITED, si_pid=1977, si_uid=0, si_status=42, si_utime=0, si_stime=7 /* 0.07 s */}")
    }

    @Test("print_clock_t's spelling: unsigned, as many decimals as the tick rate needs")
    func spelling() {
        #expect(StraceText.clockTicks(0, comment: true) == "0")
        #expect(StraceText.clockTicks(560, comment: false) == "560")
        if Self.ticksPerSecond == 100 {
            #expect(StraceText.clockTicks(2112, comment: true) == "2112 /* 21.12 s */")
            #expect(StraceText.clockTicks(5, comment: true) == "5 /* 0.05 s */")
        }
        #expect(StraceText.clockTicks(UInt64.max, comment: false) == "18446744073709551615")
    }
}
