// The per-call tables made once from the syscall table (what a recording asks of every call)
// say what the table's own signatures say.
import Testing
@testable import DunetraceCore

struct SyscallTableShapeTests {
    @Test("argument shapes: structures and written paths by argument, as each signature has them")
    func shapesFollowSignatures() {
        #expect(SyscallTable.argumentShapes(217).structures == 0b10)  // getdents64's dirents
        #expect(SyscallTable.argumentShapes(79).paths == 0b1)  // getcwd's buffer
        #expect(SyscallTable.argumentShapes(0).structures == 0 && SyscallTable.argumentShapes(0).paths == 0)  // read
        #expect(SyscallTable.argumentShapes(-1).count == 6 && SyscallTable.argumentShapes(5000).count == 6)
        for nr in 0..<1024 {
            let kinds = SyscallTable.signature(nr), shape = SyscallTable.argumentShapes(nr)
            #expect(shape.count == kinds.count, "call \(nr)")
            for (i, kind) in kinds.enumerated() {
                let isStructure: Bool
                switch kind {
                case .inStruct, .outStruct: isStructure = true
                default: isStructure = false
                }
                #expect((shape.structures >> i) & 1 == (isStructure ? 1 : 0), "call \(nr) argument \(i)")
                #expect((shape.paths >> i) & 1 == (kind == .outPath ? 1 : 0), "call \(nr) argument \(i)")
            }
        }
    }

    @Test("calls that return directory entries: getdents and getdents64 only")
    func direntCalls() {
        #expect((0..<1024).filter { SyscallTable.returnsDirents($0) } == [78, 217])
        #expect(!SyscallTable.returnsDirents(-1) && !SyscallTable.returnsDirents(1 << 20))
    }
}
