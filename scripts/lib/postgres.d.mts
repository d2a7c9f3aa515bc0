export interface EmbeddedPostgresServer {
  port: number;
  url(database?: string): string;
  stop(): Promise<void>;
}
export function startEmbeddedPostgres(options: {
  dataDir: string;
  port: number;
  persistent?: boolean;
  log?: (line: string) => void;
}): Promise<EmbeddedPostgresServer>;
