import { describe, expect, it } from 'vitest';
import { SseParser } from './sse';

describe('SSE parser', () => {
  it('parses events with id, type and data', () => {
    const p = new SseParser();
    const out = p.push('id: 7\nevent: station.connected\ndata: {"a":1}\n\n');
    expect(out).toEqual([{ id: '7', event: 'station.connected', data: '{"a":1}' }]);
    expect(p.lastEventId).toBe('7');
  });

  it('joins multi-line data, defaults the type to message, and keeps the last id', () => {
    const p = new SseParser();
    expect(p.push('id: 3\ndata: one\n\ndata: two\ndata:three\n\n')).toEqual([
      { id: '3', event: 'message', data: 'one' },
      { id: '3', event: 'message', data: 'two\nthree' },
    ]);
  });

  it('assembles events split anywhere across chunks, with any line ending', () => {
    const text = 'id: 1\r\nevent: a\r\ndata: x\r\n\r\nid: 2\revent: b\rdata: y\r\rid: 3\nevent: c\ndata: z\n\n';
    for (let size = 1; size <= 7; size++) {
      const p = new SseParser();
      const got = [];
      for (let i = 0; i < text.length; i += size) got.push(...p.push(text.slice(i, i + size)));
      expect(got.map((m) => `${m.id}:${m.event}:${m.data}`)).toEqual(['1:a:x', '2:b:y', '3:c:z']);
    }
  });

  it('counts comments (keep-alives) without emitting events, and ignores unknown fields', () => {
    const p = new SseParser();
    expect(p.push(': keep-alive\n\n: keep-alive\n\nfoo: bar\n\n')).toEqual([]);
    expect(p.comments).toBe(2);
  });

  it('does not emit an event that is not terminated by a blank line yet, nor one without data', () => {
    const p = new SseParser();
    expect(p.push('event: x\n\n')).toEqual([]);
    expect(p.push('data: half')).toEqual([]);
    expect(p.push('\n')).toEqual([]);
    expect(p.push('\n')).toEqual([{ id: null, event: 'message', data: 'half' }]);
  });

  it('reads retry and field lines without a space or value', () => {
    const p = new SseParser();
    expect(p.push('retry: 2500\ndata\n\nretry: soon\n')).toEqual([{ id: null, event: 'message', data: '' }]);
    expect(p.retryMs).toBe(2500);
  });
});
