/**
 * Millimetres per glTF unit. glTF 2.0 measures every linear distance in metres (spec §3.4);
 * aurig's rigs are in millimetres, so a glTF rig's positions, bone translations and morph deltas
 * are multiplied by this on load and divided by it on export. A file that breaks the spec (e.g.
 * authored in centimetres with no compensating node scale) can be loaded with `mmPerUnit: 10`.
 */
export const GLTF_MM_PER_UNIT = 1000;
