// Every tensor whisper.cpp's loader looks up in a Whisper model, with the shape it checks, derived
// from the header's hyper-parameters. The model check (ggmlModelInfo.ts) and the synthetic model
// generator (scripts/makeSyntheticModel.ts) share it, so what one writes the other accepts.

/** The 11 header integers that shape the network, in file order. */
export type WhisperHparams = {
  nVocab: number;
  nAudioCtx: number;
  nAudioState: number;
  nAudioHead: number;
  nAudioLayer: number;
  nTextCtx: number;
  nTextState: number;
  nTextHead: number;
  nTextLayer: number;
  nMels: number;
  ftype: number;
};

/** ggml order: ne[0] is the fastest-varying (innermost) dimension. */
export type TensorShape = { name: string; ne: number[] };

const layerNorm = (prefix: string, width: number): TensorShape[] => [
  { name: `${prefix}.weight`, ne: [width] },
  { name: `${prefix}.bias`, ne: [width] },
];

/** A linear layer stored as ne = [inputs, outputs]. Whisper's key projections have no bias. */
const linear = (prefix: string, inputs: number, outputs: number, bias = true): TensorShape[] => [
  { name: `${prefix}.weight`, ne: [inputs, outputs] },
  ...(bias ? [{ name: `${prefix}.bias`, ne: [outputs] }] : []),
];

const attention = (prefix: string, width: number): TensorShape[] => [
  ...linear(`${prefix}.query`, width, width),
  ...linear(`${prefix}.key`, width, width, false),
  ...linear(`${prefix}.value`, width, width),
  ...linear(`${prefix}.out`, width, width),
];

const mlp = (prefix: string, width: number): TensorShape[] => [
  ...linear(`${prefix}.mlp.0`, width, 4 * width),
  ...linear(`${prefix}.mlp.2`, 4 * width, width),
];

/** In the order the loader declares them; the loader finds tensors by name, so files may differ. */
export function whisperTensorShapes(h: WhisperHparams): TensorShape[] {
  const shapes: TensorShape[] = [
    { name: 'encoder.positional_embedding', ne: [h.nAudioState, h.nAudioCtx] },
    // Convolutions are ne = [kernel width, in channels, out channels]; biases are 2-D [1, out].
    { name: 'encoder.conv1.weight', ne: [3, h.nMels, h.nAudioState] },
    { name: 'encoder.conv1.bias', ne: [1, h.nAudioState] },
    { name: 'encoder.conv2.weight', ne: [3, h.nAudioState, h.nAudioState] },
    { name: 'encoder.conv2.bias', ne: [1, h.nAudioState] },
    ...layerNorm('encoder.ln_post', h.nAudioState),
  ];
  for (let i = 0; i < h.nAudioLayer; i++) {
    const p = `encoder.blocks.${i}`;
    shapes.push(...layerNorm(`${p}.mlp_ln`, h.nAudioState), ...mlp(p, h.nAudioState));
    shapes.push(...layerNorm(`${p}.attn_ln`, h.nAudioState), ...attention(`${p}.attn`, h.nAudioState));
  }
  shapes.push(
    { name: 'decoder.positional_embedding', ne: [h.nTextState, h.nTextCtx] },
    { name: 'decoder.token_embedding.weight', ne: [h.nTextState, h.nVocab] },
    ...layerNorm('decoder.ln', h.nTextState),
  );
  for (let i = 0; i < h.nTextLayer; i++) {
    const p = `decoder.blocks.${i}`;
    shapes.push(...layerNorm(`${p}.mlp_ln`, h.nTextState), ...mlp(p, h.nTextState));
    shapes.push(...layerNorm(`${p}.attn_ln`, h.nTextState), ...attention(`${p}.attn`, h.nTextState));
    shapes.push(
      ...layerNorm(`${p}.cross_attn_ln`, h.nTextState),
      ...attention(`${p}.cross_attn`, h.nTextState),
    );
  }
  return shapes;
}
