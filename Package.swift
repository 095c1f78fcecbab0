// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "dunetrace",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "dunetrace", targets: ["dunetrace"]),
        .library(name: "DunetraceCore", targets: ["DunetraceCore"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    ],
    targets: [
        // KVM VM/vCPU setup, guest page tables, trampolines, exit loop: C and assembly.
        .target(name: "CKVM", path: "Sources/CKVM", cSettings: [.unsafeFlags(["-O2"])]),
        .systemLibrary(name: "CZlib", path: "Sources/CZlib", pkgConfig: "zlib",
                       providers: [.apt(["zlib1g-dev"])]),
        .systemLibrary(name: "CLibunwind", path: "Sources/CLibunwind", pkgConfig: "libunwind-generic",
                       providers: [.apt(["libunwind-dev"])]),
        .target(name: "DunetraceCore", dependencies: ["CKVM", "CZlib", "CLibunwind"],
                path: "Sources/DunetraceCore"),
        .executableTarget(
            name: "dunetrace",
            dependencies: ["DunetraceCore", .product(name: "ArgumentParser", package: "swift-argument-parser")],
            path: "Sources/dunetrace"),
        .testTarget(name: "DunetraceTests", dependencies: ["DunetraceCore", "dunetrace"], path: "Tests/DunetraceTests"),
    ]
)
