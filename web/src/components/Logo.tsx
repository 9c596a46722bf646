export function Logo({ className = 'size-8' }: { className?: string }) {
  return (
    <svg viewBox="0 0 32 32" className={className} aria-hidden>
      <rect width="32" height="32" rx="8" className="fill-emerald-500/15" />
      <path d="M18 4 8 18h7l-2 10 10-14h-7z" className="fill-emerald-400" />
    </svg>
  );
}
