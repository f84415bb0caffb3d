// A switch over a set's identifiers that the compiler proves exhaustive;
// tests/npm_package.rs also compiles it with one case removed, which must fail.
import { DeviceRiskLevel, Platform } from "faceid-codes";

export function severity(level: DeviceRiskLevel): number {
  const id = level.identifier;
  switch (id) {
    case "LowRisk0":
      return 0;
    case "LowRisk1":
      return 1;
    case "LowRisk2":
      return 2;
    case "HighRisk3":
      return 3;
    case "HighRisk4":
      return 4;
    default: {
      const unreachable: never = id;
      return unreachable;
    }
  }
}

// A catalog enum's identifier is a literal union too.
export function store(platform: Platform): string {
  switch (platform.identifier) {
    case "Android":
      return "Google Play";
    case "Ios":
      return "App Store";
    default: {
      const unreachable: never = platform.identifier;
      return unreachable;
    }
  }
}
