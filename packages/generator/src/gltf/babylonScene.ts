import { NullEngine } from '@babylonjs/core/Engines/nullEngine.js';
import { Scene } from '@babylonjs/core/scene.js';
import { FreeCamera } from '@babylonjs/core/Cameras/freeCamera.js';
import { Vector3 } from '@babylonjs/core/Maths/math.vector.js';
import { Logger } from '@babylonjs/core/Misc/logger.js';
import { MeshoptCompression } from '@babylonjs/core/Meshes/Compression/meshoptCompression.js';
import '@babylonjs/loaders/glTF/index.js';
import { MeshoptDecoder } from 'meshoptimizer';

let meshoptInstalled = false;

/**
 * Replace Babylon's meshopt decoder (which fetches a script from a CDN and starts Web Workers)
 * with the `meshoptimizer` npm package's WebAssembly decoder, in-process: no network.
 */
function installMeshoptDecoder(): void {
  if (meshoptInstalled) return;
  meshoptInstalled = true;
  const local = {
    async decodeGltfBufferAsync(source: Uint8Array, count: number, stride: number, mode: string, filter?: string): Promise<Uint8Array> {
      await MeshoptDecoder.ready;
      const out = new Uint8Array(count * stride);
      MeshoptDecoder.decodeGltfBuffer(out, count, stride, source, mode, filter);
      return out;
    },
    dispose() {},
  };
  (MeshoptCompression as unknown as { _Default: unknown })._Default = local;
}

/** A headless Babylon scene (NullEngine, right-handed like glTF, one camera) for loading and deforming rigs. */
export function createHeadlessScene(): { engine: NullEngine; scene: Scene } {
  installMeshoptDecoder();
  Logger.LogLevels = Logger.ErrorLogLevel;
  const engine = new NullEngine();
  const scene = new Scene(engine);
  scene.useRightHandedSystem = true;
  new FreeCamera('aurig-camera', new Vector3(0, 0, 1), scene);
  return { engine, scene };
}
