/**
 * The viewer page: reads `/config.json`, starts a session (on the button, or at once with
 * `?autoplay=1`; `?cheat=1` plays the cheating viewer; `?chunks=N` sets the length) and shows
 * bytes received, TFuel promised and the pool's remaining fund as they change.
 */
import { drawChart } from "./chart.ts";
import { createPlayer, type Player } from "./player.ts";
import { runSession, type StreamState, type ViewerConfig } from "./session.ts";

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
const tfuel = (wei: string) => (Number(wei) / 1e18).toFixed(4);

function render(s: StreamState): void {
  (globalThis as { streamState?: StreamState }).streamState = s;
  $("phase").textContent = s.phase;
  $("phase").className = `phase ${s.phase}`;
  $("mode").textContent = s.cheat ? "cheating viewer (a payer per relay)" : "honest viewer";
  $("pool").textContent = s.reserveSequence
    ? `${s.source.slice(0, 10)}… / reserve ${s.reserveSequence}`
    : "—";
  $("bytes").textContent = `${(s.bytes / 1024).toFixed(0)} KiB (${s.chunks} chunks)`;
  $("promised").textContent = `${tfuel(s.promised)} TFuel`;
  $("remaining").textContent = `${tfuel(s.remaining)} of ${tfuel(s.fund)} TFuel`;
  const refusal = $("refusal");
  refusal.hidden = s.refusal === null;
  if (s.refusal) refusal.textContent = `${s.refusal.relay} refused: ${s.refusal.code} — ${s.refusal.message}`;
  $("settlements").replaceChildren(
    ...s.settlements.map((x) => {
      const li = document.createElement("li");
      li.textContent = `${x.status}: ${x.chunks} chunks, ${tfuel(x.amount)} TFuel (${x.reason}) tx ${x.hash.slice(0, 18)}…`;
      return li;
    }),
  );
  const log = $("log");
  log.textContent = s.log.join("\n");
  log.scrollTop = log.scrollHeight;
  drawChart(
    $<HTMLElement>("chart") as unknown as SVGSVGElement,
    [
      {
        label: "pool remaining (TFuel)",
        color: "#1971c2",
        axis: "left",
        values: s.points.map((p) => Number(p.remaining) / 1e18),
      },
      {
        label: "TFuel promised",
        color: "#d9480f",
        axis: "left",
        values: s.points.map((p) => Number(p.promised) / 1e18),
      },
      {
        label: "bytes received (KiB)",
        color: "#2f9e44",
        axis: "right",
        dashed: true,
        values: s.points.map((p) => p.bytes / 1024),
      },
    ],
    { left: "TFuel", right: "KiB" },
  );
}

async function main(): Promise<void> {
  const params = new URLSearchParams(location.search);
  const base = (await (await fetch("/config.json")).json()) as ViewerConfig;
  const chunks = Number(params.get("chunks") ?? base.chunks);
  const cfg: ViewerConfig = { ...base, chunks };
  const cheat = params.get("cheat") === "1";
  $<HTMLInputElement>("cheat").checked = cheat;
  let player: Player | undefined;
  const start = async () => {
    $<HTMLButtonElement>("start").disabled = true;
    const useCheat = $<HTMLInputElement>("cheat").checked;
    const final = await runSession(cfg, useCheat, {
      changed: render,
      chunk(bytes, index, mimeType) {
        player ??= createPlayer(mimeType, chunks, $("video"), $("picture"));
        player.push(bytes, index, mimeType);
      },
    });
    player?.end();
    render(final);
    document.body.dataset.finished = final.phase;
  };
  $("start").addEventListener("click", () => void start());
  if (params.get("autoplay") === "1") await start();
}

main().catch((e: unknown) => {
  $("phase").textContent = `error: ${(e as Error).message}`;
  document.body.dataset.finished = "error";
});
