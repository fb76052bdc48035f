// API errors as sentences a person can act on: RFC 9457 problem details carry a title and a detail.
export interface Problem {
  type?: string | null;
  title?: string | null;
  detail?: string | null;
  status?: number | null;
  [extension: string]: unknown;
}

export class ApiError extends Error {
  readonly status: number;
  readonly problem: Problem;

  constructor(status: number, problem: Problem) {
    super(describeProblem(status, problem));
    this.name = 'ApiError';
    this.status = status;
    this.problem = problem;
  }

  /** Whether the problem's type is `name` (types are paths like "/problems/edit-conflict" or bare names). */
  is(name: string): boolean {
    const type = this.problem.type ?? '';
    return type === name || type.endsWith(`/${name}`);
  }
}

export function describeProblem(status: number, problem: Problem): string {
  const title = problem.title?.trim();
  const detail = problem.detail?.trim();
  if (title && detail) return `${sentence(title)} ${sentence(detail)}`;
  if (title || detail) return sentence((title || detail) as string);
  if (status === 0) return 'Reasonable could not be reached. Check your connection and try again.';
  if (status >= 500) return `Reasonable had a problem answering (status ${status}). Try again in a moment.`;
  return `The request was refused (status ${status}).`;
}

function sentence(text: string): string {
  return /[.!?]$/.test(text) ? text : `${text}.`;
}

/** The message to show for anything thrown by a query or mutation. */
export function errorMessage(error: unknown): string {
  if (error instanceof ApiError) return error.message;
  if (error instanceof TypeError) return describeProblem(0, {});
  if (error instanceof Error) return error.message;
  return 'Something went wrong. Try again.';
}
