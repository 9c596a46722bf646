// The station's answer to a command: its status (or CALLERROR code) and the full payload.
import type { CommandAnswer } from '../../api/enhanced';
import type { ShownProblem } from '../../api/problem';
import { ProblemAlert } from '../../components/ui';

export function CommandAnswerView({ action, answer }: { action: string | undefined; answer: CommandAnswer }) {
  return (
    <div className="rounded-lg border border-slate-200 bg-slate-50 p-3" data-testid="command-answer">
      <div className="flex flex-wrap items-center gap-2 text-sm">
        <span className="font-mono text-slate-700">{action}</span>
        {answer.outcome === 'result' ? (
          <span className="rounded-md bg-emerald-100 px-2 py-0.5 text-xs font-semibold text-emerald-800">{answer.status ?? 'result'}</span>
        ) : (
          <span className="rounded-md bg-rose-100 px-2 py-0.5 text-xs font-semibold text-rose-800">CALLERROR {answer.error?.code}</span>
        )}
      </div>
      {answer.outcome === 'error' && answer.error?.description && <p className="mt-1 text-xs text-rose-800">{answer.error.description}</p>}
      <pre className="mt-2 max-h-64 overflow-auto rounded-md bg-slate-900 p-2 text-xs text-slate-100">
        {JSON.stringify(answer.outcome === 'result' ? answer.result : answer.error, null, 2)}
      </pre>
      <p className="mt-1 font-mono text-[10px] text-slate-400">message {answer.messageId}</p>
    </div>
  );
}

// Below a command form: the API's problem, or the station's answer.
export function CommandOutcome({ problem, answer, action }: { problem: ShownProblem | null; answer: CommandAnswer | undefined; action: string | undefined }) {
  return (
    <>
      {problem && (
        <div className="mt-4">
          <ProblemAlert problem={problem} />
        </div>
      )}
      {answer && (
        <div className="mt-4">
          <CommandAnswerView action={action} answer={answer} />
        </div>
      )}
    </>
  );
}
