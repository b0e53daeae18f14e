/** Which kinds of tokens the network is built with (ablation switches). */
export interface AufartTokenKinds {
  /** Geometry AU tokens: an MLP over each AU's masked aligned-landmark displacements (dynamic paper Eq. 7). Default true. */
  readonly geometry: boolean;
  /** Global tokens from the whole aligned mesh, one per landmark region, plus a pose token. Default true. */
  readonly global: boolean;
}

/** Sizes of the AUFART network. Every field has its default in `DEFAULT_AUFART_CONFIG`. */
export interface AufartConfig {
  /** Token width d. Default 64. */
  readonly width: number;
  /** Number L of cross-attention layers (AUFART Eq. 4–5). Default 2. */
  readonly depth: number;
  /** Attention heads; must divide `width`. Default 4. */
  readonly heads: number;
  /** Hidden width of each layer's MLP. Default 128. */
  readonly mlpHidden: number;
  /** Hidden width of the [REG] output MLP (Eq. 6). Default 128. */
  readonly regHidden: number;
  /** Landmarks gathered per AU token (padded with zero weight). Default 192 (after 800 steps 48 scored ICC 0.676, 96 0.746, 128 0.770, 192 0.784, 256 0.787: MODEL.md). */
  readonly auPoints: number;
  /** Number of global region tokens (k-means regions of the neutral landmarks). Default 12. */
  readonly regions: number;
  /** Landmarks gathered per region token. Default 64. */
  readonly regionPoints: number;
  /** Token kinds switched on. Default geometry and global. */
  readonly tokens: AufartTokenKinds;
}

export const DEFAULT_AUFART_CONFIG: AufartConfig = {
  width: 64,
  depth: 2,
  heads: 4,
  mlpHidden: 128,
  regHidden: 128,
  auPoints: 192,
  regions: 12,
  regionPoints: 64,
  tokens: { geometry: true, global: true },
};

/** Resolve partial options against the defaults without touching the caller's object. */
export function resolveAufartConfig(options: Partial<AufartConfig> = {}): AufartConfig {
  const c = { ...DEFAULT_AUFART_CONFIG, ...options, tokens: { ...DEFAULT_AUFART_CONFIG.tokens, ...options.tokens } };
  if (c.width % c.heads !== 0) throw new Error(`AUFART width ${c.width} is not divisible by heads ${c.heads}`);
  return c;
}
