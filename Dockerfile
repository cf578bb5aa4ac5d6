# syntax=docker/dockerfile:1
# halo-psa-mcp: read-only MCP server and GraphQL API for Halo PSA.
#   docker build -t halo-psa-mcp .
#   stdio (Claude Desktop / Claude Code): docker run -i --rm -e HALO_INSTANCE_URL=... -e HALO_CLIENT_ID=... -e HALO_CLIENT_SECRET=... halo-psa-mcp
#   demo, no Halo needed:                 docker run -i --rm halo-psa-mcp --demo
#   HTTP: docker run --rm -p 8787:8787 -e HALO_MCP_TRANSPORT=http -e HALO_MCP_HOST=0.0.0.0 -e HALO_MCP_TOKEN=... -e HALO_... halo-psa-mcp

# Build stage: every dependency, then the bundled bin (esbuild inlines the dependencies into dist/bin).
FROM node:24-trixie-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json ./
COPY src ./src
COPY tsconfig.build.json ./
COPY views ./views
COPY bundle ./bundle
RUN npm run build

# Runtime stage: no node_modules at all (the bin carries its dependencies), the tool operations it
# reads at start, package.json for its version, the licences; run as the image's unprivileged user.
FROM node:24-trixie-slim AS runtime
LABEL org.opencontainers.image.title="halo-psa-mcp" \
      org.opencontainers.image.description="Read-only MCP server and GraphQL API for Halo PSA" \
      org.opencontainers.image.licenses="MIT"
ENV NODE_ENV=production
WORKDIR /app
COPY package.json LICENSE ./
COPY schema/operations ./schema/operations
COPY --from=build /app/dist/bin ./dist/bin
COPY --from=build /app/dist/views ./dist/views
USER node
# stdio by default; HTTP (/mcp, /graphql, /health) with HALO_MCP_TRANSPORT=http or --http.
EXPOSE 8787
# Asks /health in HTTP mode; passes in stdio mode, which has no listener.
HEALTHCHECK --interval=30s --timeout=5s --start-period=10s --retries=3 CMD ["node", "dist/bin/healthcheck.js"]
ENTRYPOINT ["node", "dist/bin/halo-psa-mcp.js"]
