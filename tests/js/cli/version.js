// @argv --version
