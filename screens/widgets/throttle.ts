/**
 * Runs `fn` at once, then at most once per `ms` however often it is asked (the last ask
 * always gets its run). With hundreds of sessions, one member arriving asks every other
 * session to repaint; during a rush of log-ins that would be hundreds of repaints a second.
 */
export function throttle(fn: () => void, ms: number): { (): void; cancel(): void } {
  let last = 0;
  let timer: NodeJS.Timeout | undefined;
  const run = () => {
    timer = undefined;
    last = Date.now();
    fn();
  };
  const call = () => {
    if (timer) return;
    const wait = last + ms - Date.now();
    if (wait <= 0) run();
    else timer = setTimeout(run, wait);
  };
  call.cancel = () => {
    if (timer) clearTimeout(timer);
    timer = undefined;
  };
  return call;
}
