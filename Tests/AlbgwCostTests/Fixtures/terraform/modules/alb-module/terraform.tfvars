memory = 512
