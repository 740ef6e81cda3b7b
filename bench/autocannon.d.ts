// The little of autocannon's programmatic API the bench uses (the package ships no types).
declare module 'autocannon' {
  export interface Request { method?: string; path?: string; headers?: Record<string, string>; body?: string; setupRequest?: (req: Request, context: Record<string, unknown>) => Request }
  export interface Options { url: string; connections?: number; duration?: number; amount?: number; headers?: Record<string, string>; requests?: Request[]; method?: string }
  interface Histogram { average: number; mean: number; p50: number; p99: number; max: number; min: number; total: number }
  export interface Result { requests: Histogram; latency: Histogram; throughput: Histogram; errors: number; timeouts: number; non2xx: number; '1xx': number; '2xx': number; '3xx': number; '4xx': number; '5xx': number; duration: number; statusCodeStats?: Record<string, { count: number }> }
  function autocannon(options: Options): Promise<Result>;
  export default autocannon;
}
