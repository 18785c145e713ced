// @argv --help
