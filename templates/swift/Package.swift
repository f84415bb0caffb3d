// swift-tools-version:5.9
// {{ header }}
import PackageDescription

let package = Package(
    name: "{{ module }}",
    products: [
        .library(name: "{{ module }}", targets: ["{{ module }}"]),
    ],
    targets: [
        .target(name: "{{ module }}"),
    ]
)
