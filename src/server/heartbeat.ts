// WebSocket keep-alive: a ping every interval; a peer that has not answered the previous one is gone
// (a laptop that slept, a pulled cable) and is dropped, so its session is saved and its slot freed.
import type WebSocket from 'ws';

export function keepAlive(socket: WebSocket, intervalMs: number, onDead: () => void): void {
  let answered = true;
  socket.on('pong', () => {
    answered = true;
  });
  const timer = setInterval(() => {
    if (!answered) {
      clearInterval(timer);
      onDead();
      socket.terminate();
      return;
    }
    answered = false;
    socket.ping();
  }, intervalMs);
  timer.unref();
  socket.once('close', () => clearInterval(timer));
}
