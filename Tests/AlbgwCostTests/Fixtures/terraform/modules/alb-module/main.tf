# The root module of a project that builds its ALB through a local module, shaped like the public
# terraform-aws-alb examples: the function is declared here, the ALB, listener and target group there.
provider "aws" {
  region = var.region
}

variable "region" {
  type    = string
  default = "eu-west-1"
}

variable "tls_policy" {
  type    = string
  default = "ELBSecurityPolicy-TLS13-1-2-2021-06"
}

variable "memory" {
  type    = number
  default = 128
}

resource "aws_vpc" "main" {
  cidr_block = "10.0.0.0/16"
}

resource "aws_subnet" "a" {
  vpc_id            = aws_vpc.main.id
  cidr_block        = "10.0.1.0/24"
  availability_zone = "${var.region}a"
}

resource "aws_subnet" "b" {
  vpc_id            = aws_vpc.main.id
  cidr_block        = "10.0.2.0/24"
  availability_zone = "${var.region}b"
}

resource "aws_subnet" "c" {
  vpc_id            = aws_vpc.main.id
  cidr_block        = "10.0.3.0/24"
  availability_zone = "${var.region}c"
}

resource "aws_lambda_function" "api" {
  function_name = "api"
  role          = "arn:aws:iam::111111111111:role/api"
  handler       = "app.handler"
  runtime       = "python3.13"
  memory_size   = var.memory
  architectures = ["arm64"]
}

module "alb" {
  source = "./modules/alb"

  name    = "api"
  subnets = [aws_subnet.a.id, aws_subnet.b.id, aws_subnet.c.id]

  listeners = {
    https = {
      port       = 443
      protocol   = "HTTPS"
      ssl_policy = var.tls_policy
      forward = {
        target_group_key = "api"
      }
    }
  }

  target_groups = {
    api = {
      target_type = "lambda"
      target_id   = aws_lambda_function.api.arn
    }
  }
}

module "disabled" {
  source = "./modules/alb"

  create = false
  name   = "disabled"
}
