import { LANDMARK_GROUPS_468, LANDMARK_GROUPS_68, type LandmarkGroupName } from './landmarkGroups.ts';
import type { AuName } from './auNames.ts';

/** Face regions an AU acts in. */
export const AU_REGIONS = ['brow', 'eye', 'nose', 'cheek', 'mouth', 'jaw'] as const;
export type AuRegion = (typeof AU_REGIONS)[number];

/** A configural feature of AUFART Table 2: `c1` … `c23`. */
export type ConfiguralFeatureName = `c${1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9 | 10 | 11 | 12 | 13 | 14 | 15 | 16 | 17 | 18 | 19 | 20 | 21 | 22 | 23}`;

/** Extra MediaPipe landmarks that seed an AU's vertex mask beyond its Table-1 group. */
const CHEEK = [205, 425, 50, 280, 118, 347, 101, 330, 117, 346];
const FOREHEAD = [9, 151, 108, 337, 69, 299, 104, 333];
const GLABELLA = [9, 8, 168, 193, 417];
const LIDS_UPPER1 = [247, 30, 29, 27, 28, 56, 190, 467, 260, 259, 257, 258, 286, 414];
const NASOLABIAL = [98, 327, 129, 358, 203, 423, 206, 426, 36, 266];
const CHIN = [152, 175, 199, 200, 18, 201, 421, 208, 428, 171, 396, 32, 262];
const LOWER_LIP = [146, 91, 181, 84, 17, 314, 405, 321, 375, 95, 88, 178, 87, 14, 317, 402, 318, 324];

/**
 * One AU of the catalogue. `groups` are AUFART Table 1's facial parts for the AU (`table1: false`
 * when Table 1 does not list the AU and aurig assigns the part of its region); `features` are the
 * Table 2 configural features and `signs` the direction each one moves when the AU acts (on both
 * sides). `mask` seeds the per-vertex mask with smoothed borders (Kuang et al., supp. §1): vertices
 * within `radiusMm` of the seed landmarks (or skinned to the jaw, `jaw: true`) are active, then the
 * border is smoothed over the mesh.
 */
export interface AuEntry {
  readonly number: number;
  readonly name: string;
  readonly region: AuRegion;
  /** FACS allows one-sided action: the default model has `_L` and `_R` components. */
  readonly sided: boolean;
  readonly groups: readonly LandmarkGroupName[];
  readonly table1: boolean;
  readonly features: readonly ConfiguralFeatureName[];
  readonly signs: Readonly<Partial<Record<ConfiguralFeatureName, 1 | -1>>>;
  readonly mask: { readonly seeds: readonly number[]; readonly radiusMm: number; readonly jaw?: boolean };
}

const g = (...names: LandmarkGroupName[]): number[] => [...new Set(names.flatMap((n) => LANDMARK_GROUPS_468[n]))];

/** The AUs aurig models (the default model's ψ components), by FACS name. */
export const AU_CATALOGUE = {
  AU01: { number: 1, name: 'Inner Brow Raiser', region: 'brow', sided: true, groups: ['innerBrow'], table1: true, features: ['c1', 'c2', 'c3', 'c4'], signs: { c1: 1, c2: 1 }, mask: { seeds: [...g('innerBrow'), ...FOREHEAD.slice(2, 4)], radiusMm: 16 } },
  AU02: { number: 2, name: 'Outer Brow Raiser', region: 'brow', sided: true, groups: ['outerBrow'], table1: true, features: ['c5', 'c6'], signs: { c3: 1, c4: 1, c5: 1, c6: 1 }, mask: { seeds: [...g('outerBrow'), ...FOREHEAD.slice(4)], radiusMm: 16 } },
  AU04: { number: 4, name: 'Brow Lowerer', region: 'brow', sided: true, groups: ['brow'], table1: true, features: ['c7'], signs: { c7: -1, c1: -1, c2: -1 }, mask: { seeds: [...g('brow'), ...GLABELLA], radiusMm: 14 } },
  AU05: { number: 5, name: 'Upper Lid Raiser', region: 'eye', sided: true, groups: ['upperEye'], table1: true, features: ['c5', 'c6', 'c8', 'c9'], signs: { c8: 1, c9: 1 }, mask: { seeds: [...g('upperEye'), ...LIDS_UPPER1], radiusMm: 7 } },
  AU06: { number: 6, name: 'Cheek Raiser', region: 'cheek', sided: true, groups: ['lowerEye'], table1: true, features: [], signs: {}, mask: { seeds: [...g('lowerEye'), ...CHEEK], radiusMm: 16 } },
  AU07: { number: 7, name: 'Lid Tightener', region: 'eye', sided: true, groups: ['eye'], table1: true, features: ['c8', 'c9'], signs: { c8: -1, c9: -1 }, mask: { seeds: [...g('eye'), ...LIDS_UPPER1], radiusMm: 8 } },
  AU09: { number: 9, name: 'Nose Wrinkler', region: 'nose', sided: true, groups: ['nose'], table1: true, features: ['c10'], signs: { c10: -1 }, mask: { seeds: [...g('nose'), ...NASOLABIAL.slice(0, 6), 193, 417, 122, 351], radiusMm: 12 } },
  AU10: { number: 10, name: 'Upper Lip Raiser', region: 'mouth', sided: true, groups: ['upperMouth'], table1: true, features: ['c11', 'c12', 'c13', 'c14', 'c15', 'c16', 'c17'], signs: { c13: -1, c14: -1, c15: -1 }, mask: { seeds: [...g('upperMouth'), ...NASOLABIAL], radiusMm: 12 } },
  AU12: { number: 12, name: 'Lip Corner Puller', region: 'mouth', sided: true, groups: ['mouthCorner'], table1: true, features: ['c18', 'c19', 'c20'], signs: { c18: 1, c19: -1, c20: -1 }, mask: { seeds: [...g('mouthCorner'), ...CHEEK.slice(0, 2), 206, 426, 207, 427], radiusMm: 18 } },
  AU14: { number: 14, name: 'Dimpler', region: 'mouth', sided: true, groups: ['mouthCorner'], table1: false, features: [], signs: {}, mask: { seeds: g('mouthCorner'), radiusMm: 14 } },
  AU15: { number: 15, name: 'Lip Corner Depressor', region: 'mouth', sided: true, groups: ['mouthCorner'], table1: true, features: ['c19', 'c20'], signs: { c19: 1, c20: 1 }, mask: { seeds: [...g('mouthCorner'), 202, 422, 204, 424], radiusMm: 16 } },
  AU16: { number: 16, name: 'Lower Lip Depressor', region: 'mouth', sided: false, groups: ['mouth'], table1: false, features: [], signs: {}, mask: { seeds: LOWER_LIP, radiusMm: 14 } },
  AU17: { number: 17, name: 'Chin Raiser', region: 'jaw', sided: false, groups: ['mouth'], table1: false, features: [], signs: {}, mask: { seeds: [...CHIN, ...LOWER_LIP], radiusMm: 14 } },
  AU18: { number: 18, name: 'Lip Pucker', region: 'mouth', sided: false, groups: ['mouth'], table1: true, features: [], signs: { c18: -1 }, mask: { seeds: g('mouth'), radiusMm: 16 } },
  AU20: { number: 20, name: 'Lip Stretcher', region: 'mouth', sided: true, groups: ['mouth'], table1: true, features: ['c18'], signs: { c18: 1 }, mask: { seeds: [...g('mouthCorner'), 202, 422], radiusMm: 16 } },
  AU23: { number: 23, name: 'Lip Tightener', region: 'mouth', sided: false, groups: ['mouth'], table1: true, features: ['c21'], signs: { c21: -1 }, mask: { seeds: g('mouth'), radiusMm: 10 } },
  AU24: { number: 24, name: 'Lip Pressor', region: 'mouth', sided: false, groups: ['mouth'], table1: false, features: [], signs: { c21: -1 }, mask: { seeds: g('mouth'), radiusMm: 10 } },
  AU25: { number: 25, name: 'Lips Part', region: 'mouth', sided: false, groups: ['mouth'], table1: false, features: [], signs: { c21: 1, c22: 1, c23: 1 }, mask: { seeds: g('mouth'), radiusMm: 10 } },
  AU26: { number: 26, name: 'Jaw Drop', region: 'jaw', sided: false, groups: ['mouth'], table1: false, features: ['c21', 'c22', 'c23'], signs: { c21: 1, c22: 1, c23: 1 }, mask: { seeds: g('mouth'), radiusMm: 10, jaw: true } },
  AU27: { number: 27, name: 'Mouth Stretch', region: 'jaw', sided: false, groups: ['mouth'], table1: false, features: ['c21', 'c22', 'c23'], signs: { c21: 1, c22: 1, c23: 1 }, mask: { seeds: g('mouth'), radiusMm: 10, jaw: true } },
  AU28: { number: 28, name: 'Lip Suck', region: 'mouth', sided: false, groups: ['mouth'], table1: false, features: [], signs: { c21: -1 }, mask: { seeds: g('mouth'), radiusMm: 12 } },
  AU45: { number: 45, name: 'Blink', region: 'eye', sided: true, groups: ['eye'], table1: false, features: ['c8', 'c9'], signs: { c8: -1, c9: -1 }, mask: { seeds: [...g('upperEye'), ...LIDS_UPPER1, 33, 133, 263, 362], radiusMm: 6 } },
} as const satisfies Record<AuName, AuEntry>;

/** The catalogue entry of `au`. */
export function auEntry(au: AuName): AuEntry {
  return AU_CATALOGUE[au];
}

/** The Table-1 landmarks of `au` in the 468 (`'468'`) or 68 (`'68'`) index set, deduplicated. */
export function auLandmarks(au: AuName, set: '468' | '68'): number[] {
  const groups = set === '468' ? LANDMARK_GROUPS_468 : LANDMARK_GROUPS_68;
  return [...new Set(AU_CATALOGUE[au].groups.flatMap((n: LandmarkGroupName) => groups[n] as readonly number[]))];
}
