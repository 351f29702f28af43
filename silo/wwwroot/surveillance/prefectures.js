// The 47 prefectures' names come from the API's OpenAPI document (its Prefecture schema, which the server takes
// from core's one table, core/Feeds/PrefectureTable.cs); this module keeps only their tiles (column, row, in code
// order 01..47) in a grid roughly shaped like Japan.

import { openApiDocument } from "/workbench/openapi.js";

/** Each prefecture's { name, short } in code order (01 first), read from the OpenAPI document's Prefecture schema. */
export async function loadPrefectures() {
  const names = (await openApiDocument()).components.schemas.Prefecture["x-linkage-prefecture-names"];
  return Object.keys(names).sort().map((code) => names[code]);
}

export const TILES = [
  [11, 0], [10, 2], [10, 3], [10, 4], [9, 3], [9, 4], [10, 5], [10, 7], [10, 6], [9, 6],
  [9, 7], [10, 8], [9, 8], [8, 8], [9, 5], [8, 5], [7, 5], [6, 6], [8, 7], [8, 6],
  [7, 6], [7, 8], [7, 7], [6, 7], [5, 7], [5, 6], [4, 7], [4, 6], [5, 8], [5, 9],
  [3, 6], [2, 6], [3, 7], [2, 7], [1, 7], [4, 9], [4, 8], [3, 8], [3, 9], [1, 8],
  [0, 8], [0, 9], [1, 9], [2, 8], [1, 10], [0, 10], [0, 12],
];

/** "13" → "東京都" (with the prefectures of loadPrefectures); "all" and "unknown" as they are. */
export function nameOf(pref, prefectures) {
  const i = Number(pref);
  return Number.isInteger(i) && i >= 1 && i <= prefectures.length ? prefectures[i - 1].name : pref;
}
