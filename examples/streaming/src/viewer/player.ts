/**
 * Shows what arrives: a WebM video appended chunk by chunk to a MediaSource when the relays serve
 * one the browser can play, otherwise a picture of the bytes (one column of pixels per chunk).
 */

export interface Player {
  push(bytes: Uint8Array, index: number, mimeType: string): void;
  /** Called once no more chunks come. */
  end(): void;
}

function bytePicture(canvas: HTMLCanvasElement, totalChunks: number): Player {
  const ctx = canvas.getContext("2d")!;
  ctx.fillStyle = "#111";
  ctx.fillRect(0, 0, canvas.width, canvas.height);
  const colWidth = canvas.width / Math.max(1, totalChunks);
  return {
    push(bytes, index) {
      const rows = canvas.height;
      for (let r = 0; r < rows; r++) {
        const b = bytes[Math.floor((r / rows) * bytes.length)] ?? 0;
        ctx.fillStyle = `hsl(${(b * 360) / 256}, 70%, ${35 + (b % 30)}%)`;
        ctx.fillRect(index * colWidth, r, Math.ceil(colWidth), 1);
      }
    },
    end() {},
  };
}

function videoPlayer(video: HTMLVideoElement, mimeType: string): Player {
  const source = new MediaSource();
  video.src = URL.createObjectURL(source);
  const queue: Uint8Array[] = [];
  let buffer: SourceBuffer | undefined;
  let ended = false;
  const pump = () => {
    if (!buffer || buffer.updating) return;
    const next = queue.shift();
    if (next) buffer.appendBuffer(next as Uint8Array<ArrayBuffer>);
    else if (ended && source.readyState === "open") source.endOfStream();
  };
  source.addEventListener("sourceopen", () => {
    buffer = source.addSourceBuffer(mimeType);
    buffer.mode = "sequence";
    buffer.addEventListener("updateend", pump);
    pump();
  });
  return {
    push(bytes) {
      queue.push(bytes);
      pump();
      if (video.paused) video.play().catch(() => {});
    },
    end() {
      ended = true;
      pump();
    },
  };
}

/** A player for `mimeType`: the video element when the browser can play it, else the canvas. */
export function createPlayer(
  mimeType: string,
  totalChunks: number,
  video: HTMLVideoElement,
  canvas: HTMLCanvasElement,
): Player {
  const playable =
    mimeType.startsWith("video/") &&
    typeof MediaSource !== "undefined" &&
    MediaSource.isTypeSupported(mimeType);
  video.hidden = !playable;
  canvas.hidden = playable;
  return playable ? videoPlayer(video, mimeType) : bytePicture(canvas, totalChunks);
}
