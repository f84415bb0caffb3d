// swift-tools-version:5.9
// {{ header }}
import PackageDescription

let package = Package(
    name: "{{ module }}",
    defaultLocalization: {{ default_localization }},
    products: [
        .library(name: "{{ module }}", targets: ["{{ module }}"]),
    ],
    targets: [
        .target(
            name: "{{ module }}",
            resources: [
{%- for resource in resources %}
                .process({{ resource }}),
{%- endfor %}
            ]
        ),
    ],
    swiftLanguageVersions: [.v5]
)
