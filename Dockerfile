# syntax=docker/dockerfile:1
# halo-psa-mcp: read-only MCP server and GraphQL API for Halo PSA.
#   docker build -t halo-psa-mcp .
#   stdio (Claude Desktop / Claude Code): docker run -i --rm -e HALO_INSTANCE_URL=... -e HALO_CLIENT_ID=... -e HALO_CLIENT_SECRET=... halo-psa-mcp
#   demo, no Halo needed:                 docker run -i --rm halo-psa-mcp --demo
#   HTTP: docker run --rm -p 8787:8787 -e HALO_MCP_TRANSPORT=http -e HALO_MCP_HOST=0.0.0.0 -e HALO_MCP_TOKEN=... -e HALO_... halo-psa-mcp

# Build stage: every dependency, then compile TypeScript to dist/.
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
COPY views ./views
RUN npm run build

# Runtime stage: production dependencies, the compiled server and the tool operations it reads
# at start (schema/operations), run as the image's unprivileged `node` user.
FROM node:20-bookworm-slim AS runtime
LABEL org.opencontainers.image.title="halo-psa-mcp" \
      org.opencontainers.image.description="Read-only MCP server and GraphQL API for Halo PSA" \
      org.opencontainers.image.licenses="MIT"
ENV NODE_ENV=production
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force
COPY --from=build /app/dist ./dist
COPY schema ./schema
USER node
# stdio by default; HTTP (/mcp, /graphql, /health) with HALO_MCP_TRANSPORT=http or --http.
EXPOSE 8787
ENTRYPOINT ["node", "dist/server/cli.js"]
