// Turns an API error (application/problem+json) into one plain sentence for the page.

export class ApiError extends Error {
  constructor(readonly status: number, message: string) {
    super(message);
  }
}

interface Problem {
  title?: string;
  detail?: string;
  errors?: Record<string, string[]>;
}

export async function errorOf(response: Response): Promise<ApiError> {
  const problem = (await response.json().catch(() => ({}))) as Problem;
  const fields = problem.errors ? Object.values(problem.errors).flat().join(" ") : "";
  const words = fields || problem.detail || problem.title || fallback(response.status);
  return new ApiError(response.status, words);
}

function fallback(status: number): string {
  switch (status) {
    case 401: return "You are not signed in, or your session ended.";
    case 403: return "Your account or token may not do this.";
    case 404: return "Not found.";
    case 429: return "Too many requests: wait a moment and try again.";
    case 503: return "The cluster is recovering: try again in a few seconds.";
    default: return `The server answered ${status}.`;
  }
}
