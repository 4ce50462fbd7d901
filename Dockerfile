# One image for every role; docker-compose.yml picks the role by command.
FROM node:20-bookworm-slim
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund
COPY . .
ENV RADAR_HOST=0.0.0.0 \
    RADAR_DATA_DIR=/data
EXPOSE 8080 9464
ENTRYPOINT ["node", "bin/radar.js"]
CMD ["--help"]
