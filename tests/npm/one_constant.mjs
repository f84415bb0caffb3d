import { CATALOG_VERSION } from "faceid-codes";
console.log(CATALOG_VERSION);
