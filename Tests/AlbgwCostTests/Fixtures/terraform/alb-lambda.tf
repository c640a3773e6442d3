# alb-lambda: the ALB invokes the function through a lambda target group.
provider "aws" {
  region = var.region
}

variable "region" {}

resource "aws_lb" "api" {
  internal = true
  subnets  = ["subnet-aaaaaaaaaaaaaaaaa", "subnet-bbbbbbbbbbbbbbbbb", "subnet-ccccccccccccccccc"]
}

resource "aws_lb_target_group" "fn" {
  name        = "fn"
  target_type = "lambda"
}

resource "aws_lb_target_group_attachment" "fn" {
  target_group_arn = aws_lb_target_group.fn.arn
  target_id        = aws_lambda_function.app.arn
}

resource "aws_lambda_function" "app" {
  function_name = "app"
  role          = "arn:aws:iam::111111111111:role/app"
  handler       = "app.handler"
  runtime       = "nodejs22.x"
  memory_size   = 512
}
