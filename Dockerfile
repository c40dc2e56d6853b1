# One image, two roles: web (HTTP API + console + sockets) and worker (queues).
# Build: docker build -t rapport .   Run: see docker-compose.yml.
FROM node:20-bookworm-slim

WORKDIR /app
ENV NODE_ENV=production

# Dependencies first, for layer caching.
COPY package.json package-lock.json ./
COPY backend/package.json backend/
COPY frontend/package.json frontend/
COPY sop/package.json sop/
COPY integrations/pos/package.json integrations/pos/
COPY integrations/wecom/package.json integrations/wecom/
COPY tests/package.json tests/
RUN npm ci --include=dev --no-audit --no-fund

COPY . .
RUN npm run build

EXPOSE 3333
CMD ["npm", "run", "start:web"]
