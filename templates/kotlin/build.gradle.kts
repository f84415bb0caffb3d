// {{ header }}
// A Kotlin/JVM library module: sources in src/main/kotlin. An Android library
// module may use this folder as it is with the `com.android.library` plugin
// instead (src/main/res then holds its string resources).
plugins {
    kotlin("jvm") version "{{ kotlin_version }}"
    `maven-publish`
}

group = {{ group }}
version = {{ version }}

kotlin {
    explicitApi()
}

java {
    withSourcesJar()
}

publishing {
    publications {
        create<MavenPublication>("maven") {
            artifactId = {{ artifact }}
            from(components["java"])
            pom {
                name.set({{ title }})
{%- if let Some(url) = url %}
                url.set({{ url }})
{%- endif %}
{%- if let Some(license) = license %}
                licenses {
                    license {
                        name.set({{ license }})
                    }
                }
{%- endif %}
{%- if let Some(repository) = repository %}
                scm {
                    url.set({{ repository }})
                }
{%- endif %}
            }
        }
    }
}
