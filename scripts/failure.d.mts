export function flattenError(err: unknown): { messages: string[]; codes: string[]; urls: string[] };
export function describeFailure(err: unknown): string;
