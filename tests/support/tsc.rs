//! The strictest `tsc` settings the generated TypeScript must pass, shared by
//! the binding checks and the large-catalog compile.

/// Flags for `tsc` besides the inputs, `--noEmit` or `--outDir`.
pub const STRICT_FLAGS: &[&str] = &[
    "--strict",
    "--isolatedModules",
    "--erasableSyntaxOnly",
    "--verbatimModuleSyntax",
    "--noUncheckedIndexedAccess",
    "--exactOptionalPropertyTypes",
    "--noUnusedLocals",
    "--noUnusedParameters",
    "--noImplicitReturns",
    "--noImplicitOverride",
    "--noFallthroughCasesInSwitch",
    "--target",
    "es2022",
    "--module",
    "nodenext",
    "--moduleResolution",
    "nodenext",
];
