// swift-tools-version: 6.0
import PackageDescription

let package = Package(
  name: "casefile",
  platforms: [.macOS(.v14)],
  products: [
    .executable(name: "casefile", targets: ["casefile"])
  ],
  dependencies: [
    .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
    .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
  ],
  targets: [
    .systemLibrary(
      name: "CLibXML2",
      pkgConfig: "libxml-2.0",
      providers: [.apt(["libxml2-dev"])]
    ),
    .systemLibrary(
      name: "CLibArchive",
      pkgConfig: "libarchive",
      providers: [.apt(["libarchive-dev"])]
    ),
    .target(name: "CaseXML", dependencies: ["CLibXML2"]),
    .target(
      name: "CaseAssembly",
      dependencies: [
        "CaseStore", "CaseJSON", "CaseXML", .product(name: "Mustache", package: "swift-mustache"),
      ]),
    .target(name: "CaseRules", dependencies: ["CaseJSON", "CaseXML"]),
    .target(
      name: "CasePackaging",
      dependencies: ["CLibArchive", .product(name: "Crypto", package: "swift-crypto")]),
    .target(name: "CaseJSON"),
    .target(name: "CaseWorkflow"),
    .target(
      name: "CaseStore",
      dependencies: [
        "CaseJSON",
        .product(name: "GRDB", package: "GRDB.swift"),
        .product(name: "Crypto", package: "swift-crypto"),
      ]
    ),
    .target(
      name: "CaseFileKit",
      dependencies: [
        "CaseStore", "CaseJSON", "CaseXML", "CaseAssembly", "CaseRules", "CasePackaging",
        "CaseWorkflow", .product(name: "Crypto", package: "swift-crypto"),
      ]
    ),
    .executableTarget(
      name: "casefile",
      dependencies: [
        "CaseFileKit",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ]
    ),
    .executableTarget(
      name: "casefile-fuzz", dependencies: ["CaseFileKit"], path: "Sources/casefile-fuzz"),
    .testTarget(name: "CaseJSONTests", dependencies: ["CaseJSON"]),
    .testTarget(name: "CaseWorkflowTests", dependencies: ["CaseWorkflow"]),
    .testTarget(name: "CaseXMLTests", dependencies: ["CaseXML"]),
    .testTarget(name: "CaseRulesTests", dependencies: ["CaseRules", "CaseXML", "CaseFileKit"]),
    .testTarget(
      name: "CaseAssemblyTests", dependencies: ["CaseAssembly", "CaseStore", "CaseXML"],
      exclude: ["Golden"]),
    .testTarget(name: "CasePackagingTests", dependencies: ["CasePackaging"]),
    .testTarget(
      name: "CaseStoreTests", dependencies: ["CaseStore", "CaseJSON"], exclude: ["Fixtures"]),
    .testTarget(name: "CaseFileKitTests", dependencies: ["CaseFileKit", "CaseStore"]),
    .testTarget(name: "CLITests", dependencies: ["casefile", "CaseFileKit", "CaseAssembly"]),
  ]
)

for target in package.targets where target.type != .system {
  var settings = target.swiftSettings ?? []
  settings.append(.enableUpcomingFeature("MemberImportVisibility"))
  settings.append(.unsafeFlags(["-warnings-as-errors"]))
  target.swiftSettings = settings
}
