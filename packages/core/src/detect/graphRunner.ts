import * as tf from '@tensorflow/tfjs';

/** A node of a tfjs graph model's `modelTopology` (a TensorFlow GraphDef in JSON). */
export interface GraphNodeDef {
  readonly name: string;
  readonly op: string;
  readonly input?: readonly string[];
  readonly attr?: Readonly<Record<string, GraphAttr>>;
}

interface GraphAttr {
  readonly s?: string;
  readonly i?: string | number;
  readonly f?: number;
  readonly list?: { readonly s?: readonly string[]; readonly i?: readonly (string | number)[] };
}

/** A model's output tensor names as `execute` takes them (`node:0` when the model lists a bare node name). */
export function outputNames(outputs: tf.GraphModel['outputs']): string[] {
  return outputs.map((o) => (o.name.includes(':') ? o.name : `${o.name}:0`));
}

/** Runs a graph model on one input, returning the requested outputs (the caller disposes them). */
export type GraphRunner = (input: tf.Tensor) => tf.Tensor[];

type Step = { readonly run: (args: tf.Tensor[]) => tf.Tensor; readonly args: readonly number[]; readonly out: number; readonly free: readonly number[] };

const str = (a: GraphAttr | undefined): string | undefined => (a?.s === undefined ? undefined : Buffer.from(a.s, 'base64').toString('utf8'));
const strs = (a: GraphAttr | undefined): string[] => (a?.list?.s ?? []).map((s) => Buffer.from(s, 'base64').toString('utf8'));
const ints = (a: GraphAttr | undefined): number[] => (a?.list?.i ?? []).map(Number);

/** The `pad` argument of the tfjs ops, as tfjs-converter reads it from a node. */
function padding(node: GraphNodeDef): 'same' | 'valid' | number[][] {
  const p = (str(node.attr?.padding) ?? 'VALID').toLowerCase();
  if (p !== 'explicit') return p as 'same' | 'valid';
  const e = ints(node.attr?.explicit_paddings);
  return [0, 1, 2, 3].map((k) => [e[k * 2]!, e[k * 2 + 1]!]);
}

/**
 * The inference of a graph model compiled once into a flat list of tfjs op calls: the same ops, in the same order, on
 * the same weights as `model.execute` (tfjs-converter's executor), without its per-node work on every call (parameter
 * lookup and parsing, tensor-map bookkeeping, disposal checks), about 2–3 ms per detect on wasm. Each intermediate
 * tensor is disposed after its last use. Undefined when the graph has an op this runner does not know: the caller
 * then keeps `model.execute`. Knows the ops of Human's blazeface, facemesh and iris models.
 */
export function compileGraph(nodes: readonly GraphNodeDef[], weights: tf.NamedTensorMap | Record<string, tf.Tensor[]>, outputs: readonly string[]): GraphRunner | undefined {
  const byName = new Map(nodes.map((n) => [n.name, n]));
  const slotOf = new Map<string, number>();
  const consts: [number, tf.Tensor][] = [];
  const steps: { run: Step['run']; args: number[]; out: number }[] = [];
  let inputSlot = -1;
  let slots = 0;
  const weight = (name: string): tf.Tensor | undefined => {
    const w = (weights as Record<string, tf.Tensor | tf.Tensor[]>)[name];
    return Array.isArray(w) ? w[0] : w;
  };
  const constValues = (name: string): number[] | undefined => {
    const n = byName.get(name.split(':')[0]!);
    const t = n && n.op === 'Const' ? weight(n.name) : undefined;
    return t ? Array.from(t.dataSync()) : undefined;
  };

  const visit = (ref: string): number | undefined => {
    const name = ref.split(':')[0]!;
    if ((ref.split(':')[1] ?? '0') !== '0') return undefined; // every op here has one output
    const known = slotOf.get(name);
    if (known !== undefined) return known;
    const node = byName.get(name);
    if (!node) return undefined;
    if (node.op === 'Placeholder') {
      if (inputSlot >= 0) return undefined; // one input only
      inputSlot = slots++;
      slotOf.set(name, inputSlot);
      return inputSlot;
    }
    if (node.op === 'Const') {
      const t = weight(name);
      if (!t) return undefined;
      const s = slots++;
      consts.push([s, t]);
      slotOf.set(name, s);
      return s;
    }
    const inputs = (node.input ?? []).filter((i) => !i.startsWith('^'));
    if (node.op === 'Identity') {
      const s = inputs.length === 1 ? visit(inputs[0]!) : undefined;
      if (s !== undefined) slotOf.set(name, s);
      return s;
    }
    const op = compileOp(node, inputs, constValues);
    if (!op) return undefined;
    const args: number[] = [];
    for (const i of op.inputs) {
      const s = visit(i);
      if (s === undefined) return undefined;
      args.push(s);
    }
    const out = slots++;
    steps.push({ run: op.run, args, out });
    slotOf.set(name, out);
    return out;
  };

  const outSlots: number[] = [];
  for (const o of outputs) {
    const s = visit(o);
    if (s === undefined) return undefined;
    outSlots.push(s);
  }
  if (inputSlot < 0) return undefined;
  // free each intermediate after its last use; never the input, weights or outputs
  const constSlots = new Set(consts.map(([s]) => s));
  const keep = new Set<number>([inputSlot, ...constSlots, ...outSlots]);
  const lastUse = new Map<number, number>();
  steps.forEach((st, k) => { for (const a of st.args) lastUse.set(a, k); });
  const plan: Step[] = steps.map((st, k) => ({ ...st, free: [...new Set(st.args)].filter((a) => !keep.has(a) && lastUse.get(a) === k) }));
  // an intermediate that nothing reads (a dead branch) is freed right away
  const unread = plan.filter((st) => !lastUse.has(st.out) && !keep.has(st.out)).map((st) => st.out);
  // an output that is the input or a weight is cloned, since the caller disposes the outputs
  const cloned = outSlots.map((s) => s === inputSlot || constSlots.has(s));
  const table: (tf.Tensor | undefined)[] = new Array(slots);
  for (const [s, t] of consts) table[s] = t;

  return (input: tf.Tensor) => {
    table[inputSlot] = input;
    try {
      for (const st of plan) {
        table[st.out] = st.run(st.args.map((a) => table[a]!));
        for (const f of st.free) { table[f]!.dispose(); table[f] = undefined; }
      }
      for (const u of unread) { table[u]?.dispose(); table[u] = undefined; }
      return outSlots.map((s, k) => (cloned[k] ? table[s]!.clone() : table[s]!));
    } catch (e) {
      for (const st of plan) { table[st.out]?.dispose(); table[st.out] = undefined; }
      throw e;
    } finally {
      table[inputSlot] = undefined;
    }
  };
}

/** A conv node's spatial strides and dilations (NHWC: the H and W entries of its 4-element attrs). */
function convGeometry(a: Readonly<Record<string, GraphAttr>>): { strides: [number, number]; dilations: [number, number] } {
  const stride = ints(a.strides); const dil = ints(a.dilations);
  return { strides: [stride[1] ?? 1, stride[2] ?? 1], dilations: [dil[1] ?? 1, dil[2] ?? 1] };
}

/** One node as a tfjs op call, as tfjs-converter's executors make it; undefined for an op not handled here. */
function compileOp(node: GraphNodeDef, inputs: readonly string[], constValues: (name: string) => number[] | undefined): { run: Step['run']; inputs: readonly string[] } | undefined {
  const a = node.attr ?? {};
  const format = (str(a.data_format) ?? 'NHWC').toUpperCase();
  if (format !== 'NHWC') return undefined;
  switch (node.op) {
    case '_FusedConv2D': {
      const [extra, activation] = strs(a.fused_ops).map((s) => s.toLowerCase());
      const numArgs = Number(a.num_args?.i ?? 0);
      if (extra !== 'biasadd' || inputs.length !== 2 + numArgs) return undefined;
      if (!(activation === undefined || activation === 'relu' || activation === 'prelu' || activation === 'relu6' || activation === 'elu' || activation === 'sigmoid')) return undefined;
      if ((activation === 'prelu') !== (numArgs === 2)) return undefined;
      const { strides, dilations } = convGeometry(a); const pad = padding(node);
      const act = (activation ?? 'linear') as tf.fused.Activation;
      return {
        inputs,
        run: ([x, filter, bias, prelu]) => tf.fused.conv2d({
          x: x as tf.Tensor4D, filter: filter as tf.Tensor4D, strides, pad: pad as 'same', dataFormat: 'NHWC', dilations,
          bias: bias!, activation: act, ...(prelu ? { preluActivationWeights: prelu } : {}),
        }),
      };
    }
    case 'DepthwiseConv2dNative': {
      const { strides, dilations } = convGeometry(a); const pad = padding(node);
      return { inputs, run: ([x, f]) => tf.depthwiseConv2d(x as tf.Tensor4D, f as tf.Tensor4D, strides, pad as 'same', 'NHWC', dilations) };
    }
    case 'MaxPool': {
      const stride = ints(a.strides); const k = ints(a.ksize); const pad = padding(node);
      if (typeof pad !== 'string') return undefined;
      return { inputs, run: ([x]) => tf.maxPool(x as tf.Tensor4D, [k[1]!, k[2]!], [stride[1]!, stride[2]!], pad) };
    }
    case 'AddV2':
    case 'Add':
      return { inputs, run: ([x, y]) => tf.add(x!, y!) };
    case 'Relu':
      return { inputs, run: ([x]) => tf.relu(x!) };
    case 'Sigmoid':
      return { inputs, run: ([x]) => tf.sigmoid(x!) };
    case 'Prelu':
      return { inputs, run: ([x, alpha]) => tf.prelu(x!, alpha!) };
    case 'Pad':
    case 'PadV2': {
      const p = constValues(inputs[1]!);
      const value = node.op === 'PadV2' ? constValues(inputs[2] ?? '')?.[0] : 0;
      if (!p || value === undefined) return undefined;
      const pairs = Array.from({ length: p.length / 2 }, (_, k) => [p[k * 2]!, p[k * 2 + 1]!] as [number, number]);
      return { inputs: [inputs[0]!], run: ([x]) => tf.pad(x!, pairs, value) };
    }
    case 'Reshape': {
      const shape = constValues(inputs[1]!);
      if (!shape) return undefined;
      return { inputs: [inputs[0]!], run: ([x]) => tf.reshape(x!, shape) };
    }
    case 'ConcatV2': {
      const axis = constValues(inputs[inputs.length - 1]!)?.[0];
      if (axis === undefined) return undefined;
      return { inputs: inputs.slice(0, -1), run: (xs) => tf.concat(xs, axis) };
    }
    default:
      return undefined;
  }
}

/** What the detection steps need of a model: tfjs `GraphModel.execute` and its outputs. */
export interface GraphExecutable {
  readonly outputs: tf.GraphModel['outputs'];
  execute(x: tf.Tensor, outputs?: string | string[]): tf.Tensor | tf.Tensor[];
}

/**
 * A graph model whose `execute` runs `compileGraph`'s op list for each set of outputs asked for. Each runner is checked
 * once, on first use, against `model.execute` on a fixed pseudo-random input of the same shape, and kept only when every
 * output agrees to 1e-5 of its range (they call the same kernels, so they agree exactly); otherwise, and for graphs with
 * ops it does not know, `model.execute` runs.
 */
export class CompiledGraphModel implements GraphExecutable {
  private readonly runners = new Map<string, GraphRunner | null>();
  /** All the model's outputs, the ones `execute` runs when it is given none. */
  private readonly allOutputs: string[];

  constructor(readonly model: tf.GraphModel, private readonly nodes: readonly GraphNodeDef[] | undefined) {
    this.allOutputs = outputNames(model.outputs);
  }

  get outputs(): tf.GraphModel['outputs'] { return this.model.outputs; }

  execute(x: tf.Tensor, outputs?: string | string[]): tf.Tensor | tf.Tensor[] {
    const names = outputs === undefined ? this.allOutputs : typeof outputs === 'string' ? [outputs] : outputs;
    const key = names.join('|');
    let run = this.runners.get(key);
    if (run === undefined) {
      run = this.check(names, x.shape) ?? null;
      this.runners.set(key, run);
    }
    if (!run) return this.model.execute(x, outputs);
    const out = run(x);
    return typeof outputs === 'string' || (outputs === undefined && out.length === 1) ? out[0]! : out;
  }

  private check(names: readonly string[], shape: number[]): GraphRunner | undefined {
    if (!this.nodes) return undefined;
    let run: GraphRunner | undefined;
    try {
      run = compileGraph(this.nodes, this.model.weights, names);
    } catch {
      return undefined;
    }
    if (!run) return undefined;
    const n = shape.reduce((p, q) => p * q, 1);
    const values = new Float32Array(n);
    for (let i = 0, s = 12345; i < n; i++) { s = (Math.imul(s, 1103515245) + 12345) >>> 0; values[i] = (s / 2 ** 32) * 2 - 1; }
    const x = tf.tensor(values, shape);
    let ours: tf.Tensor[] = [];
    let ref: tf.Tensor[] = [];
    try {
      ours = run(x);
      const theirs = this.model.execute(x, [...names]);
      ref = Array.isArray(theirs) ? theirs : [theirs];
      if (ours.length !== ref.length) return undefined;
      for (let k = 0; k < ours.length; k++) {
        const p = ours[k]!.dataSync(); const q = ref[k]!.dataSync();
        if (p.length !== q.length) return undefined;
        let range = 0; let diff = 0;
        for (let i = 0; i < q.length; i++) { range = Math.max(range, Math.abs(q[i]!)); diff = Math.max(diff, Math.abs(p[i]! - q[i]!)); }
        if (!(diff <= 1e-5 * Math.max(range, 1e-6))) return undefined;
      }
      return run;
    } catch {
      return undefined;
    } finally {
      tf.dispose([x, ...ours, ...ref]);
    }
  }

  dispose(): void {
    this.model.dispose();
  }
}
