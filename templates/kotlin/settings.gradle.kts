// {{ header }}
// Lets the module build on its own (`gradle publishToMavenLocal` here); a build
// that includes this folder as one of its modules ignores this file.
rootProject.name = {{ artifact }}
