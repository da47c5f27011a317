import type { AppDeps } from '../deps';

/** `(deps, input) => result` as `(input) => result`: a use case bound to this desk's dependencies. */
export function bindDeps(deps: AppDeps) {
  return <I, R>(useCase: (deps: AppDeps, input: I) => Promise<R>) =>
    (input: I): Promise<R> =>
      useCase(deps, input);
}
